/**
 * `courseco-xero import` given something that is not a CourseCo export file: a FIFO no one writes to, an endless
 * device, a file far over the size limit, or a file system that never answers while the user gives up. Each must end
 * promptly with one line that says what to do, and leave the journal as it was. The CLI runs as a user runs it.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../support/temp-dir';
import { CLI_BIN } from '../../support/cli-bin';

let temp: ReturnType<typeof makeTempDir>;
const started: ChildProcess[] = [];

// The timeout is a safety net for the code before the fix (which never returns from a FIFO); SIGKILL, because that
// code also never answers SIGTERM.
const run = (...args: string[]) =>
  spawnSync(process.execPath, [CLI_BIN, '--data-dir', temp.dir, ...args], { cwd: temp.dir, encoding: 'utf8', timeout: 30_000, killSignal: 'SIGKILL' });

beforeEach(() => {
  temp = makeTempDir('ccxa-cli-input-');
});
afterEach(() => {
  for (const child of started.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  temp.cleanup();
});

const posix = process.platform !== 'win32';

describe('courseco-xero import refuses what is not a regular file of at most 50 MB', () => {
  it.runIf(posix)('refuses a FIFO at once, without opening it (no writer ever comes)', () => {
    execFileSync('mkfifo', [path.join(temp.dir, 'payments.csv')]);
    const result = run('import', 'payments.csv');
    expect(result.stderr.trim()).toBe('Cannot read payments.csv: it is a named pipe (FIFO), not a file. Import the CSV file you downloaded from CourseCo.');
    expect(result.status).toBe(1);
  });

  it.runIf(posix).each(['/dev/zero', '/dev/urandom'])('refuses the device %s instead of reading it forever', (device) => {
    const result = run('import', device);
    expect(result.stderr.trim()).toBe(`Cannot read ${device}: it is a device, not a file. Import the CSV file you downloaded from CourseCo.`);
    expect(result.status).toBe(1);
  });

  it('refuses a folder', () => {
    const result = run('import', '.');
    expect(result.stderr.trim()).toBe('Cannot read .: it is a folder, not a file. Import the CSV file you downloaded from CourseCo.');
    expect(result.status).toBe(1);
  });

  it('refuses a file over the limit in plain words, without reading it', () => {
    // Sparse: 612 MB by its size, no disk used.
    writeFileSync(path.join(temp.dir, 'payments.csv'), '');
    truncateSync(path.join(temp.dir, 'payments.csv'), 612 * 1024 * 1024);
    const result = run('import', 'payments.csv');
    expect(result.stderr.trim()).toBe(
      'payments.csv is 612 MB; the assistant imports files up to 50 MB. Export a shorter date range from CourseCo and import the files one after another.',
    );
    expect(result.status).toBe(1);
  });

  it('states the limit in its help', () => {
    const result = run('import', '--help');
    expect(result.status).toBe(0);
    // Commander wraps help at 80 columns.
    expect(result.stdout.replace(/\s+/g, ' ')).toContain('a regular file of up to 50 MB');
  });
});

/**
 * A file system that does not answer, made deterministic: a Linux write lease held by another process makes every
 * open() of the file wait until the holder lets go (or /proc/sys/fs/lease-break-time, 45 s by default, passes).
 * Perl sets it, because Node cannot.
 */
function holdLease(file: string): Promise<ChildProcess> {
  const script = '$SIG{IO} = "IGNORE"; open(my $fh, "+<", $ARGV[0]) or die "open: $!"; fcntl($fh, 1024, 1) or die "lease: $!"; $| = 1; print "held\\n"; sleep 600;';
  const holder = spawn('perl', ['-e', script, file], { stdio: ['ignore', 'pipe', 'inherit'] });
  started.push(holder);
  return new Promise((resolve, reject) => {
    holder.stdout!.on('data', (chunk: Buffer) => (chunk.toString().includes('held') ? resolve(holder) : undefined));
    holder.on('exit', (code) => reject(new Error(`the lease holder exited (${code})`)));
  });
}

const canLease = process.platform === 'linux' && existsSync('/usr/bin/perl');

/** Runs `import FILE` and calls `signal(child)` once, when it says "Reading FILE"; resolves when it has ended. */
async function importSignalledOnReading(file: string, signal: (child: ChildProcess) => void) {
  const child = spawn(process.execPath, [CLI_BIN, '--data-dir', temp.dir, 'import', file], { cwd: temp.dir, stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child);
  let stderr = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, by) => resolve({ code, signal: by })));
  child.stderr!.on('data', (chunk: Buffer) => {
    const before = stderr;
    stderr += chunk.toString();
    if (!before.includes('Reading') && stderr.includes(`Reading ${file}`)) signal(child);
  });
  const ended = await exited;
  return { stderr, ended };
}

describe('courseco-xero import obeys SIGTERM and Ctrl+C', () => {
  it.runIf(canLease).each(['SIGTERM', 'SIGINT'] as const)('stops on %s while the file is being read, says so, and leaves the journal unchanged', async (signal) => {
    writeFileSync(path.join(temp.dir, 'first.csv'), 'Transaction ID,Customer,Total,Date\n1,Acme,100,2024-01-02\n');
    expect(run('import', 'first.csv').status).toBe(0);
    const slow = path.join(temp.dir, 'slow.csv');
    writeFileSync(slow, 'Transaction ID,Customer,Total,Date\n2,Beta,50,2024-01-03\n');
    await holdLease(slow);

    const { stderr, ended } = await importSignalledOnReading('slow.csv', (child) => child.kill(signal));

    expect(stderr).toMatch(/^Reading slow\.csv \(.+\)…$/m);
    expect(stderr.trim().split('\n').at(-1)).toBe(`Import stopped (${signal}): nothing was imported from slow.csv.`);
    // Ended by the signal itself, as a program without a handler ends: a shell reports 143 (SIGTERM) or 130 (SIGINT).
    expect(ended).toEqual({ code: null, signal });
    const list = run('--json', 'transactions', 'list');
    expect((JSON.parse(list.stdout) as Array<{ transactionId: string }>).map((t) => t.transactionId)).toEqual(['1']);
  }, 90_000);

  it('a signal pending when a frozen import resumes (after "Reading…") still stops it before anything is written', async () => {
    writeFileSync(path.join(temp.dir, 'first.csv'), 'Transaction ID,Customer,Total,Date\n1,Acme,100,2024-01-02\n');
    expect(run('import', 'first.csv').status).toBe(0);
    const rows = Array.from({ length: 40_000 }, (_, i) => `${i + 2},Customer ${i},100,2024-01-02`);
    writeFileSync(path.join(temp.dir, 'big.csv'), `Transaction ID,Customer,Total,Date\n${rows.join('\n')}\n`);

    const { stderr, ended } = await importSignalledOnReading('big.csv', (child) => {
      // Frozen wherever it is (reading or parsing), SIGTERM waits as pending, and it resumes with the signal due:
      // whatever synchronous work it was in, the import must end before its journal write.
      child.kill('SIGSTOP');
      child.kill('SIGTERM');
      child.kill('SIGCONT');
    });
    expect(stderr.trim().split('\n').at(-1)).toBe('Import stopped (SIGTERM): nothing was imported from big.csv.');
    expect(ended).toEqual({ code: null, signal: 'SIGTERM' });
    const list = run('--json', 'transactions', 'list');
    expect((JSON.parse(list.stdout) as Array<{ transactionId: string }>).map((t) => t.transactionId)).toEqual(['1']);
  }, 90_000);
});
