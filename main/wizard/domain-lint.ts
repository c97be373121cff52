/**
 * The CourseCo domain as the guide asks for it (`name.courseco.co`, or a custom domain such as `name.ie`): the usual
 * paste mistakes named (scheme, the guide's "yourdomain" placeholder left in, trailing slash, a path, spaces, upper
 * case), the harmless ones corrected, and the exact redirect URI CourseCo needs registered in the Xero app.
 */
import type { DomainLint } from '../../contract/features/wizard';

type DomainProblem = DomainLint['problems'][number];
/** What the lint itself finds; the wizard service adds the assistant's redirect URIs and whether it saved. */
export type DomainLintResult = Omit<DomainLint, 'assistantRedirectUris' | 'saved'>;

const HOSTNAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

export function courseCoRedirectUri(domain: string): string {
  return `https://${domain}/admin/messaging/oauth_set`;
}

export function courseCoSettingsUrl(domain: string): string {
  return `https://${domain}/admin/settings`;
}

export function lintDomain(input: string): DomainLintResult {
  const problems: DomainProblem[] = [];
  let value = input;
  if (/\s/.test(value)) {
    problems.push({
      code: 'spaces',
      message: 'The domain contains spaces or line breaks.',
      fix: 'They were removed; a domain never contains spaces.',
      blocking: false,
    });
    value = value.replace(/\s+/g, '');
  }
  if (value === '') {
    return { input, domain: '', ok: false, problems: [{ code: 'empty', message: 'Enter your CourseCo domain.', fix: 'For example yourcentre.courseco.co, or your own domain such as yourcentre.ie.', blocking: true }] };
  }
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(value);
  if (scheme) {
    problems.push({
      code: 'scheme',
      message: `The domain starts with "${scheme[0]}".`,
      fix: 'Enter the domain only; the assistant adds https:// where it is needed. It was removed.',
      blocking: false,
    });
    value = value.slice(scheme[0].length);
  }
  const slash = value.indexOf('/');
  if (slash >= 0) {
    const rest = value.slice(slash);
    if (/^\/+$/.test(rest)) {
      problems.push({ code: 'trailing-slash', message: 'The domain ends with a slash.', fix: 'It was removed: the redirect URI must match exactly, without a doubled slash.', blocking: false });
    } else {
      problems.push({
        code: 'path',
        message: `The domain carries a path ("${rest}").`,
        fix: 'Enter only the part before the first slash (e.g. yourcentre.courseco.co); the path was removed.',
        blocking: false,
      });
    }
    value = value.slice(0, slash);
  }
  if (value !== value.toLowerCase()) {
    problems.push({ code: 'uppercase', message: 'The domain contains capital letters.', fix: 'Domains are written in lower case; it was converted, so the redirect URI matches exactly.', blocking: false });
    value = value.toLowerCase();
  }
  if (value.includes('yourdomain')) {
    problems.push({
      code: 'placeholder',
      message: 'The domain still contains the guide\'s placeholder "yourdomain".',
      fix: 'Replace "yourdomain" with your own CourseCo name, e.g. liffeytraining.courseco.co.',
      blocking: true,
    });
  } else if (!HOSTNAME.test(value)) {
    problems.push({
      code: 'invalid',
      message: `"${value}" is not a domain name.`,
      fix: 'Enter the address you use to open CourseCo, e.g. yourcentre.courseco.co or yourcentre.ie.',
      blocking: true,
    });
  }
  const ok = !problems.some((p) => p.blocking);
  const result: DomainLintResult = { input, domain: value, ok, problems };
  if (ok) {
    result.courseCoRedirectUri = courseCoRedirectUri(value);
    result.settingsUrl = courseCoSettingsUrl(value);
  }
  return result;
}
