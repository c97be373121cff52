import { describe, expect, it } from 'vitest';
import { readExportFile } from '../../../main/cli/read-export-file';

describe('readExportFile', () => {
  // /proc files say they are empty and then give bytes: the same as a file that grows after it was looked at.
  it.runIf(process.platform === 'linux')('stops a file that grows past the limit while it is read, whatever its size said', async () => {
    await expect(readExportFile('/proc/self/status', { maxBytes: 100 })).rejects.toThrow(
      '/proc/self/status grew past 100 bytes while it was being read; the assistant imports files up to 100 bytes.',
    );
  });

  it('reads a regular file whole', async () => {
    expect((await readExportFile('package.json', { maxBytes: 1024 * 1024 })).toString('utf8')).toContain('"name": "courseco-xero-assistant"');
  });
});
