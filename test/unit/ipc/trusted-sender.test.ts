import { describe, expect, it } from 'vitest';
import { originKey, trustOnlyOrigin } from '../../../main/ipc/trusted-sender';

describe('trusted sender', () => {
  it('accepts only frames of the one expected origin, custom schemes included', () => {
    const trusted = trustOnlyOrigin('app://assistant');
    expect(trusted('app://assistant/index.html')).toBe(true);
    expect(trusted('APP://Assistant/deep/page?x=1#y')).toBe(true);
    expect(trusted('app://assistant.evil/index.html')).toBe(false);
    expect(trusted('https://assistant/')).toBe(false);
    expect(trusted('file:///app/index.html')).toBe(false);
    expect(trusted('data:text/html,hi')).toBe(false);
    expect(trusted(undefined)).toBe(false);
  });

  it('distinguishes loopback ports for the web host', () => {
    const trusted = trustOnlyOrigin('http://127.0.0.1:5178');
    expect(trusted('http://127.0.0.1:5178/')).toBe(true);
    expect(trusted('http://127.0.0.1:5179/')).toBe(false);
    expect(trusted('http://localhost:5178/')).toBe(false);
  });

  it('gives no key for URLs without a host', () => {
    expect(originKey('about:blank')).toBeUndefined();
    expect(originKey('nonsense')).toBeUndefined();
  });
});
