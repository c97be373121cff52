/**
 * The bundled services entry the worker thread loads (dist/services/services.mjs), built when it is missing or older
 * than the sources it is made of. Several test processes may start hosts at once, so a build is written beside the
 * bundle and renamed into place: a reader sees the old bundle or the new one, never half of one.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import path from 'node:path';
import { newestSource, REPO_ROOT } from '../source-freshness';

export const SERVICES_BUNDLE = path.join(REPO_ROOT, 'dist', 'services', 'services.mjs');
/** What the bundle is built from: the services, the contract, the sandbox (the sample profile runs it) and the build. */
const SOURCES = ['main', 'contract', 'sandbox', 'scripts/build-services.mjs', 'package-lock.json'];

/** Set once the bundle was found fresh or built: a process checks the sources once, not at every (re)start of a worker. */
let fresh = false;

export function ensureServicesBundle(): string {
  if (fresh) return SERVICES_BUNDLE;
  const built = existsSync(SERVICES_BUNDLE) ? statSync(SERVICES_BUNDLE).mtimeMs : 0;
  fresh = built >= newestSource(SOURCES);
  if (fresh) return SERVICES_BUNDLE;
  mkdirSync(path.dirname(SERVICES_BUNDLE), { recursive: true });
  const partial = `${SERVICES_BUNDLE}.${process.pid}.${Date.now()}.mjs`;
  const result = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'build-services.mjs'), '--out', partial], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`The services bundle could not be built:\n${result.stderr || result.stdout || String(result.error)}`);
  renameSync(partial, SERVICES_BUNDLE);
  if (existsSync(`${partial}.map`)) renameSync(`${partial}.map`, `${SERVICES_BUNDLE}.map`);
  fresh = true;
  return SERVICES_BUNDLE;
}
