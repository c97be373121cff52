import path from 'node:path';

/**
 * The `courseco-xero` entry point that CLI specs spawn. The unit and soak suites' global setup (build-cli.ts) bundles
 * main/cli once per run and names the bundle in CCXA_TEST_CLI: the same code and the same node_modules, without tsx
 * compiling the sources again in every child (about a second of CPU per spawn on two cores). Without that variable
 * (a config without the setup) it is the shipped bin, which compiles through tsx: slower, never stale.
 * test/unit/cli/program.test.ts always spawns the shipped bin, so `bin → tsx → commander` itself stays covered.
 */
export const CLI_BIN = process.env.CCXA_TEST_CLI ?? path.resolve('bin/courseco-xero.mjs');
