/**
 * The rules.* channels through the real dispatcher (contract/features/rules.ts): a bad document is refused at the
 * door with every problem and where it is, nothing changes; settings.set cannot write rules around that check; the
 * answer to adding tracking options says a reconnect is needed, and why, when the sign-in lacks accounting.settings.
 */
import { describe, expect, it } from 'vitest';
import { dispatchedServicesPerTest } from '../../support/dispatched-services';

const h = dispatchedServicesPerTest();

const GOOD = { version: 1, rules: [{ name: 'Cork', when: { venue: 'cork' }, then: { tracking: [{ category: 'Venue', option: 'Cork' }] } }], default: { accountCode: '200' } };

describe('rules.* over IPC', () => {
  it('saves a whole document and reads it back with the example', async () => {
    expect(await h.call('rules.save', { rules: GOOD }, 'x')).toMatchObject({ ok: true, value: { rules: GOOD, problems: [], addTrackingOptions: false } });
    const got = (await h.call('rules.get', {}, 'x')) as { ok: true; value: { rules: unknown; example: { rules: Array<{ name: string }> } } };
    expect(got.value.rules).toEqual(GOOD);
    expect(got.value.example.rules.map((r) => r.name)).toEqual(['Course materials at 23%', 'Accredited training: exempt from VAT']);
  });

  it('refuses a bad document at the door, naming where each problem is, and keeps the rules it had', async () => {
    await h.call('rules.save', { rules: GOOD }, 'x');
    const bad = { version: 1, rules: [{ name: 'x', when: {}, then: { tracking: [1, 2, 3] } }] };
    const refused = await h.call('rules.save', { rules: bad }, 'x');
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
    const paths = ((refused as { error: { issues: Array<{ path: string }> } }).error.issues ?? []).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['rules.rules.0.when', 'rules.rules.0.then.tracking']));
    expect(((await h.call('rules.get', {}, 'x')) as { value: { rules: unknown } }).value.rules).toEqual(GOOD);
    expect(await h.call('settings.set', { key: 'rules.lines', value: '{"version":1,"rules":[]}' }, 'x')).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
  });

  it('agreeing to add tracking options says to reconnect, and why, when not signed in with accounting.settings', async () => {
    const answer = await h.call('rules.setAddTrackingOptions', { agree: true }, 'x');
    expect(answer).toMatchObject({ ok: true, value: { reconnect: true, state: { addTrackingOptions: true } } });
    expect((answer as { value: { why: string } }).value.why).toContain('to add the tracking options your rules name');
    expect(await h.call('rules.setAddTrackingOptions', { agree: false }, 'x')).toMatchObject({ ok: true, value: { reconnect: false, state: { addTrackingOptions: false } } });
  });
});
