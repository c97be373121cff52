/**
 * Must be the renderer's first import. The contract's zod schemas are built when the contract module loads, and
 * zod then probes `new Function` for its JIT; under our CSP (no 'unsafe-eval') the probe is refused and reported as
 * a CSP violation. Jitless mode skips the probe. The renderer only needs the schemas' types, so nothing is lost.
 */
import { z } from 'zod';

z.config({ jitless: true });
