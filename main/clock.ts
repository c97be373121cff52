/** Time is a dependency: services take a Clock so tests and the sandbox can drive it. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
