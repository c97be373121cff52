/**
 * Must be the preload's first import, for the same reason as the renderer's copy: the contract's zod schemas are built
 * at load, and zod's JIT probe (`new Function`) would be refused by the page's CSP (no 'unsafe-eval') and reported as
 * a violation. The preload never needs the JIT; it only passes calls through.
 */
import { z } from 'zod';

z.config({ jitless: true });
