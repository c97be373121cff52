import { describe, expect, it } from 'vitest';
import { codeChallengeFor, createPkcePair, createState } from '../../../main/xero/pkce';

describe('PKCE S256 and state', () => {
  it('matches RFC 7636 appendix B', () => {
    expect(codeChallengeFor('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('makes fresh 43-character verifiers from the unreserved alphabet, and fresh states', () => {
    const a = createPkcePair();
    const b = createPkcePair();
    expect(a.verifier).toMatch(/^[A-Za-z0-9\-._~]{43}$/);
    expect(a.verifier).not.toBe(b.verifier);
    expect(a.challenge).toBe(codeChallengeFor(a.verifier));
    expect(a.method).toBe('S256');
    expect(createState()).not.toBe(createState());
  });

  it('refuses a verifier outside RFC 7636', () => {
    expect(() => codeChallengeFor('short')).toThrow(/43–128/);
  });
});
