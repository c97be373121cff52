/**
 * Must be the first import of the preload and of the renderer. The contract's zod schemas are built when the contract
 * module loads, and zod then probes `new Function` for its JIT; under our CSP (no 'unsafe-eval') the probe is refused
 * and reported as a violation. Jitless mode skips the probe; neither side needs the JIT (they pass calls through or
 * use the schemas' types).
 */
import { z } from 'zod';

z.config({ jitless: true });
