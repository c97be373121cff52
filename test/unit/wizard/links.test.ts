/** Where the wizard's links point: Xero's web app for Xero's API, the same deep-link path on any other API origin. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isSampleProfileDir } from '../../../main/app/features/wizard-handlers';
import { sampleProfileDir } from '../../../main/paths';
import { invoiceLink } from '../../../main/xero/invoice-link';

describe('invoiceLink (the wizard\'s read-back link)', () => {
  it("opens Xero's own invoice page (go.xero.com) through the organisation's short code", () => {
    expect(invoiceLink('https://api.xero.com', 'abc', '!Lf7Qx')).toBe(
      'https://go.xero.com/organisationlogin/default.aspx?shortcode=!Lf7Qx&redirecturl=/AccountsReceivable/View.aspx?InvoiceID=abc',
    );
  });
  it('uses the same path on any other API origin (the sandbox serves a viewer there)', () => {
    expect(invoiceLink('http://127.0.0.1:47400/', 'abc', '!Lf7Qx')).toBe(
      'http://127.0.0.1:47400/organisationlogin/default.aspx?shortcode=!Lf7Qx&redirecturl=/AccountsReceivable/View.aspx?InvoiceID=abc',
    );
  });
});

describe('isSampleProfileDir', () => {
  it('recognises exactly the sample-profile directory beside a data dir', () => {
    const own = path.resolve('/tmp/ccxa-own');
    expect(isSampleProfileDir(sampleProfileDir(own))).toBe(true);
    expect(isSampleProfileDir(own)).toBe(false);
    expect(isSampleProfileDir(path.join(own, 'other'))).toBe(false);
  });
});
