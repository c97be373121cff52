/** The plan's guards as rules: which lock date governs, what an update in a locked period does, which currency is taken. */
import { describe, expect, it } from 'vitest';
import { currencyProblem, currencyTaken, lockDay, lockedThrough } from '../../../main/sync/plan';
import { guardDate } from '../../../main/sync/plan/lock-dates';

describe('lock dates', () => {
  it('the later of the two dates governs; on a tie the end-of-year lock, which binds advisers too', () => {
    expect(lockedThrough({ periodLockDate: '2024-03-31', endOfYearLockDate: '2023-12-31' })).toEqual({ date: '2024-03-31', which: 'period' });
    expect(lockedThrough({ periodLockDate: '2023-06-30', endOfYearLockDate: '2023-12-31' })).toEqual({ date: '2023-12-31', which: 'end-of-year' });
    expect(lockedThrough({ periodLockDate: '2023-12-31', endOfYearLockDate: '2023-12-31' })).toEqual({ date: '2023-12-31', which: 'end-of-year' });
    expect(lockedThrough({})).toBeUndefined();
  });

  it('locks the lock date itself and frees the day after', () => {
    const lock = { periodLockDate: '2024-03-31', choice: 'hold' as const };
    expect(guardDate(lock, 'the invoice', '2024-03-31').error).toMatch(/on or before .*period lock date \(2024-03-31\).*held/);
    expect(guardDate(lock, 'the invoice', '2024-04-01')).toEqual({ date: '2024-04-01' });
  });

  it('never re-dates an update: changing a document in a locked period is itself refused by Xero', () => {
    const guarded = guardDate({ endOfYearLockDate: '2023-12-31', choice: 'first-open-day' }, 'the invoice', '2023-11-02', 'update');
    expect(guarded.date).toBe('2023-11-02');
    expect(guarded.error).toMatch(/refuses changes to documents in a locked period/);
    expect(guarded.caught?.action).toBe('held');
  });

  it('reads Xero lock dates in every shape the SDK hands over', () => {
    expect(lockDay('/Date(1546214400000+0000)/')).toBe('2018-12-31');
    expect(lockDay(new Date('2018-12-31T00:00:00Z'))).toBe('2018-12-31');
    expect(lockDay('2018-12-31T00:00:00')).toBe('2018-12-31');
    expect(lockDay('')).toBeUndefined();
    expect(lockDay(undefined)).toBeUndefined();
  });
});

describe('currencies', () => {
  it('takes the base currency and the enabled ones, case-insensitively; a document without a currency goes in the base', () => {
    const gbp = { base: 'GBP', enabled: ['GBP', 'USD'] };
    expect(currencyTaken(gbp, 'gbp')).toBe(true);
    expect(currencyTaken(gbp, 'USD')).toBe(true);
    expect(currencyTaken(gbp, undefined)).toBe(true);
    expect(currencyTaken(gbp, 'EUR')).toBe(false);
    expect(currencyProblem(gbp, 'EUR')).toMatch(/currency is British Pound and it has no euro enabled: .*add euro under Settings → Currencies/);
  });
});
