/**
 * The IPC channel a contract event travels on from main to the preload. Shared by both ends (and free of any
 * `electron` import) so the names cannot drift apart. The `event:` prefix cannot clash with a contract channel,
 * whose names are `group.method`.
 */
import type { EventName } from './contract';

export const EVENT_CHANNEL_PREFIX = 'event:';

export function eventChannel(event: EventName): string {
  return `${EVENT_CHANNEL_PREFIX}${event}`;
}
