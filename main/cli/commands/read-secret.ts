/**
 * Reads a secret for `--client-secret-stdin`: the whole of a piped stdin, or one line typed at a terminal with the
 * echo off. The value is returned to the caller only, never printed or logged.
 */
import { CliFailure } from '../cli-context';

export async function readSecretFromStdin(
  stdin: NodeJS.ReadStream = process.stdin,
  prompt: (line: string) => void = (line) => process.stderr.write(line),
): Promise<string> {
  if (stdin.isTTY && typeof stdin.setRawMode === 'function') return readHidden(stdin, prompt);
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

function readHidden(stdin: NodeJS.ReadStream, prompt: (line: string) => void): Promise<string> {
  prompt('Client Secret (input hidden), then Enter: ');
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = (error?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      prompt('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (data: Buffer) => {
      for (const char of data.toString('utf8')) {
        if (char === '\r' || char === '\n' || char === '\u0004') return finish();
        if (char === '\u0003') return finish(new CliFailure('Cancelled; nothing was stored.', 130));
        if (char === '\u007f' || char === '\b') value = value.slice(0, -1);
        else value += char;
      }
    };
    stdin.setRawMode(true);
    stdin.resume();
    stdin.on('data', onData);
  });
}
