/** The CourseCo domain as people paste it: what is corrected, what blocks, and the exact redirect URI. */
import { describe, expect, it } from 'vitest';
import { lintDomain } from '../../../main/wizard/domain-lint';

const codes = (input: string) => lintDomain(input).problems.map((p) => p.code);

describe('lintDomain', () => {
  it('accepts a CourseCo subdomain and a custom domain as typed, with the exact redirect URI', () => {
    expect(lintDomain('liffeytraining.courseco.co')).toMatchObject({
      ok: true,
      domain: 'liffeytraining.courseco.co',
      problems: [],
      courseCoRedirectUri: 'https://liffeytraining.courseco.co/admin/messaging/oauth_set',
      settingsUrl: 'https://liffeytraining.courseco.co/admin/settings',
    });
    expect(lintDomain('liffeytraining.ie').courseCoRedirectUri).toBe('https://liffeytraining.ie/admin/messaging/oauth_set');
  });

  it('removes a scheme, a trailing slash, a path, spaces and capitals, and says so', () => {
    expect(lintDomain('https://liffey.courseco.co')).toMatchObject({ ok: true, domain: 'liffey.courseco.co' });
    expect(codes('https://liffey.courseco.co')).toEqual(['scheme']);
    expect(codes('liffey.courseco.co/')).toEqual(['trailing-slash']);
    expect(lintDomain('liffey.courseco.co/admin/settings')).toMatchObject({ ok: true, domain: 'liffey.courseco.co' });
    expect(codes('liffey.courseco.co/admin/settings')).toEqual(['path']);
    expect(lintDomain(' liffey.courseco.co \n')).toMatchObject({ ok: true, domain: 'liffey.courseco.co' });
    expect(codes(' liffey.courseco.co \n')).toEqual(['spaces']);
    expect(lintDomain('Liffey.CourseCo.co')).toMatchObject({ ok: true, domain: 'liffey.courseco.co' });
    expect(codes('Liffey.CourseCo.co')).toEqual(['uppercase']);
    expect(codes('HTTPS://Liffey.courseco.co/admin/')).toEqual(['scheme', 'path', 'uppercase']);
  });

  it('blocks the guide\'s placeholder, an empty value and things that are not domains', () => {
    const placeholder = lintDomain('https://yourdomain.courseco.co');
    expect(placeholder.ok).toBe(false);
    expect(placeholder.problems.find((p) => p.code === 'placeholder')).toMatchObject({ blocking: true, message: expect.stringContaining('yourdomain') });
    expect(placeholder.courseCoRedirectUri).toBeUndefined();
    expect(lintDomain('').problems).toEqual([expect.objectContaining({ code: 'empty', blocking: true })]);
    expect(lintDomain('liffey').problems).toEqual([expect.objectContaining({ code: 'invalid', blocking: true })]);
    expect(lintDomain('liffey training.ie')).toMatchObject({ ok: true, domain: 'liffeytraining.ie' });
    expect(lintDomain('liffey_training.ie').ok).toBe(false);
  });
});
