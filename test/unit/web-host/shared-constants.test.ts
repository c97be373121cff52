import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RENDERER_CSP } from '../../../contract/content-security-policy';
import { REPO_ROOT } from '../../../main/web-host/renderer-build';

describe('what the web host and the renderer must agree on', () => {
  it('index.html carries exactly the CSP the host sends, with no inline script or style', () => {
    const html = readFileSync(path.join(REPO_ROOT, 'renderer', 'index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBe(RENDERER_CSP);
    expect(RENDERER_CSP).not.toMatch(/unsafe-(inline|eval)/);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style|style="/);
  });

});
