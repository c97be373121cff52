/** How long ago a check ran, in plain words ("just now", "5 minutes ago", "2 hours ago"); never a timestamp. */
export function ageInWords(iso: string, now: number): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return 'at an unknown time';
  const minutes = Math.floor(Math.max(0, now - at) / 60_000);
  const say = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'} ago`;
  if (minutes < 1) return 'just now';
  if (minutes < 60) return say(minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return say(hours, 'hour');
  return say(Math.floor(hours / 24), 'day');
}

/** A kept result counts as older than its report when it was observed more than a minute before the report ran. */
export function olderThanReport(checkedAt: string | undefined, ranAt: string): boolean {
  if (!checkedAt) return false;
  return Date.parse(ranAt) - Date.parse(checkedAt) > 60_000;
}

/**
 * The moment an age is counted to: now, or the report's own time when that is later (the app's clock may run ahead of
 * this window's, as the sandbox's does), so a kept result never reads "just now" beside a later report.
 */
export function ageBase(now: number, ranAt: string): number {
  const at = Date.parse(ranAt);
  return Number.isNaN(at) ? now : Math.max(now, at);
}
