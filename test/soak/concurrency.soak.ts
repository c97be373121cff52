/**
 * Concurrency at soak size: the unit suite's specs, bigger. Two syncs started together on one profile, round after
 * round (8 rounds of 250 transactions); an import of 100,000 rows while a sync of 500 runs; and 1,000 rounds of two
 * processes asking for the sync lock at the same instant. Every document ends in Xero exactly once.
 */
process.env.CCXA_CONCURRENT_ROUNDS ??= '8';
process.env.CCXA_CONCURRENT_TRANSACTIONS ??= '250';
process.env.CCXA_CONCURRENT_IMPORT_ROWS ??= '100000';
process.env.CCXA_CONCURRENT_TIMEOUT_MS ??= '900000';
process.env.CCXA_LOCK_ROUNDS ??= '1000';

await import('../unit/sync/concurrency.cli.test');
await import('../unit/sync/run-lock.race.test');

export {};
