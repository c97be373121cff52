/** Contract entries of the wizard feature, merged into `channels` / `events` by contract.ts. */
import type { z } from 'zod';

export const wizardChannels = {} as const satisfies Record<string, { args: z.ZodType; result: z.ZodType }>;

export const wizardEvents = {} as const satisfies Record<string, z.ZodType>;
