// A process that competes for a profile's sync lock, driven line by line on stdin by run-lock.race.test.ts:
//   "arm <goFile>"  → answers "armed", then spins until goFile exists (the shared barrier) and tries the lock,
//                      answering "acquired" or "refused <kind>"
//   "release"       → lets go of a lock it holds, answers "released"
//   "hold-and-die"  → takes the lock, answers "holding", and waits to be killed (a crashed owner)
// Spinning rather than watching the file keeps the two contenders' start within microseconds of each other.
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { register } from 'tsx/esm/api';

register();
const { acquireRunLock } = await import('../../../../main/sync/run/run-lock.ts');
const dataDir = process.argv[2];
const now = () => new Date().toISOString();
let held;

const say = (line) => process.stdout.write(`${line}\n`);
createInterface({ input: process.stdin }).on('line', (line) => {
  const [command, arg] = line.split(' ');
  if (command === 'arm') {
    say('armed');
    while (!existsSync(arg)) {
      // the barrier: both contenders leave this loop as soon as the parent creates the file
    }
    try {
      held = acquireRunLock(dataDir, 'cli', now);
      say('acquired');
    } catch (error) {
      say(`refused ${error.kind ?? error.message}`);
    }
  } else if (command === 'release') {
    held?.release();
    held = undefined;
    say('released');
  } else if (command === 'hold-and-die') {
    held = acquireRunLock(dataDir, 'cli', now);
    say('holding');
  }
});
say('up');
