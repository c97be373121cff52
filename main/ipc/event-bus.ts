/** Main → renderer events, validated against the contract before they leave, fanned out to every listening host. */
import { events, type EventName, type EventPayload } from '../../contract/contract';

export type EventSink = (event: EventName, payload: unknown) => void;

export interface EventBus {
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  /**
   * Passes on an event another bus already checked against the contract (the services process's, across the split),
   * without parsing it a second time on the thread that serves the window.
   */
  relay(event: EventName, payload: unknown): void;
  /** Registers a host's sink (a window, a socket); returns the unsubscribe function. */
  attach(sink: EventSink): () => void;
}

export function createEventBus(): EventBus {
  const sinks = new Set<EventSink>();
  return {
    emit(event, payload) {
      const checked = events[event].parse(payload);
      for (const sink of sinks) sink(event, checked);
    },
    relay(event, payload) {
      for (const sink of sinks) sink(event, payload);
    },
    attach(sink) {
      sinks.add(sink);
      return () => sinks.delete(sink);
    },
  };
}
