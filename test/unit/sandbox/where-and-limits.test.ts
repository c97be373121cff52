import { describe, expect, it } from 'vitest';
import { compileWhere, QueryParseError } from '../../../sandbox/where-parser';
import { RateLimiter } from '../../../sandbox/limits/rate-limiter';
import { IdempotencyStore } from '../../../sandbox/idempotency';
import { jsonResponse } from '../../../sandbox/http/response';

const invoice = {
  InvoiceID: 'A1B2C3D4-0000-4000-8000-000000000001'.toLowerCase(),
  Type: 'ACCREC',
  Status: 'AUTHORISED',
  AmountDue: 6000,
  DueDate: '/Date(1420156800000+0000)/',
  Contact: { Name: "O'Brien & Sons", ContactNumber: 'CC-1' },
  IsDiscounted: false,
};

describe('where parser', () => {
  const matches = (src: string) => compileWhere(src)(invoice);

  it.each([
    ['Type=="ACCREC"', true],
    ['Type == "accrec"', true],
    ['Status=="ACTIVE" AND Type=="ACCREC"', false],
    ['Status=="DRAFT" OR Type=="ACCREC"', true],
    ['Status!="PAID" && AmountDue > 5000', true],
    ['AmountDue > 5000 and DueDate > DateTime(2015, 01, 01)', true],
    ['DueDate >= DateTime(2015, 01, 02) || AmountDue < 0', true],
    ['DueDate < DateTime(2015,1,1,0,0,0)', false],
    [`InvoiceId=guid("${invoice.InvoiceID.toUpperCase()}")`, true],
    ['Contact.Name=="O\'Brien & Sons"', true],
    ['Contact.Name.Contains("brien")', true],
    ['Contact.Name.StartsWith("X")', false],
    ['Contact.Name.ToLower()=="o\'brien & sons"', true],
    ['NOT (Status=="PAID")', true],
    ['!IsDiscounted', true],
    ['Reference==null', true],
    ['(Type=="ACCPAY" OR Type=="ACCREC") AND AmountDue>=6000', true],
  ])('%s → %s', (src, expected) => {
    expect(matches(src)).toBe(expected);
  });

  it.each(['Type==', 'Type=="ACCREC" AND', '(Type=="ACCREC"', 'Type=="unterminated', 'Type ~ "x"', 'Foo(1)', 'Name.Explode()', ''])('refuses %j', (src) => {
    expect(() => compileWhere(src)).toThrow(QueryParseError);
  });

  it('names an unknown field like Xero does', () => {
    expect(() => compileWhere('Colour=="red"', 'Invoice', new Set(['type']))).toThrow("No property or field 'Colour' exists in type 'Invoice'");
  });
});

describe('rate limiter', () => {
  it('enforces the app-wide minute limit across tenants and rolls it with the clock', () => {
    let now = 0;
    const limiter = new RateLimiter({ now: () => now }, true, { concurrent: 5, perMinute: 60, perDay: 5000, appPerMinute: 3 });
    for (const t of ['t1', 't2', 't3']) {
      const a = limiter.admit('app', t);
      expect(a.ok).toBe(true);
      if (a.ok) a.release();
    }
    const refused = limiter.admit('app', 't4');
    expect(refused).toMatchObject({ ok: false, problem: 'appminute', retryAfterSeconds: 60 });
    now += 60_000;
    expect(limiter.admit('app', 't4').ok).toBe(true);
  });

  it('counts concurrency per tenant and frees a slot on release', () => {
    const limiter = new RateLimiter({ now: () => 0 }, true, { concurrent: 2, perMinute: 60, perDay: 5000, appPerMinute: 100 });
    const a = limiter.admit('app', 't');
    const b = limiter.admit('app', 't');
    expect(limiter.admit('app', 't')).toMatchObject({ ok: false, problem: 'concurrent' });
    expect(limiter.admit('app', 'other').ok).toBe(true);
    if (a.ok) a.release();
    expect(b.ok && limiter.admit('app', 't').ok).toBe(true);
  });
});

describe('idempotency store', () => {
  it('expires keys 6 minutes after the first call', async () => {
    let now = 0;
    const records = {};
    const store = new IdempotencyStore(() => records, { now: () => now });
    let calls = 0;
    const exec = () => Promise.resolve(jsonResponse(200, { n: ++calls }));
    expect((await store.run('app', 'k', 'print', exec)).body).toBe('{"n":1}');
    now += 6 * 60_000 - 1;
    expect((await store.run('app', 'k', 'print', exec)).body).toBe('{"n":1}');
    now += 1;
    expect((await store.run('app', 'k', 'print', exec)).body).toBe('{"n":2}');
  });
});
