/** A result's age in plain words ("checked 2 hours ago"), never a timestamp; and when a kept result counts as older. */
import { describe, expect, it } from 'vitest';
import { ageBase, ageInWords, olderThanReport } from '../../../renderer/src/diagnostics/age';

const now = Date.parse('2026-12-03T12:00:00.000Z');

describe('the age of a check', () => {
  it('is said in minutes, hours or days', () => {
    expect(ageInWords('2026-12-03T11:59:30.000Z', now)).toBe('just now');
    expect(ageInWords('2026-12-03T11:59:00.000Z', now)).toBe('1 minute ago');
    expect(ageInWords('2026-12-03T11:15:00.000Z', now)).toBe('45 minutes ago');
    expect(ageInWords('2026-12-03T10:00:00.000Z', now)).toBe('2 hours ago');
    expect(ageInWords('2026-12-01T11:00:00.000Z', now)).toBe('2 days ago');
    // A clock that went back never says "in the future".
    expect(ageInWords('2026-12-03T12:05:00.000Z', now)).toBe('just now');
  });

  it('is shown only for a result observed more than a minute before its report', () => {
    expect(olderThanReport(undefined, '2026-12-03T12:00:00.000Z')).toBe(false);
    expect(olderThanReport('2026-12-03T11:59:30.000Z', '2026-12-03T12:00:00.000Z')).toBe(false);
    expect(olderThanReport('2026-12-03T10:00:00.000Z', '2026-12-03T12:00:00.000Z')).toBe(true);
  });

  it('counts to the report’s own time when the app’s clock is ahead of this window’s', () => {
    expect(ageInWords('2026-10-01T12:00:00.000Z', ageBase(now, '2026-12-03T14:00:00.000Z'))).toBe('63 days ago');
    expect(ageBase(now, '2026-12-03T11:00:00.000Z')).toBe(now);
  });
});
