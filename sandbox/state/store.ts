/**
 * Holds the state and, with a state file, writes it atomically (temp file + rename) so that a crash mid-write
 * never leaves a torn file behind. The server flushes before answering any request that changed something.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { SandboxState } from './model';

export class SandboxStore {
  constructor(
    public state: SandboxState,
    private readonly stateFile?: string,
  ) {}

  flush(): void {
    if (!this.stateFile) return;
    mkdirSync(path.dirname(this.stateFile), { recursive: true });
    const tmp = `${this.stateFile}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.state));
    renameSync(tmp, this.stateFile);
  }

  static load(stateFile: string): SandboxState | undefined {
    let text: string;
    try {
      text = readFileSync(stateFile, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
    const parsed = JSON.parse(text) as SandboxState;
    if (parsed.version !== 1) throw new Error(`${stateFile}: unsupported sandbox state version ${String(parsed.version)}`);
    return parsed;
  }
}
