import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** The text of every file below `dir`, for tests that prove a secret or token was written nowhere. */
export function fileTextsUnder(dir: string): string[] {
  const texts: string[] = [];
  const walk = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const full = path.join(folder, name);
      if (statSync(full).isDirectory()) walk(full);
      else texts.push(readFileSync(full, 'utf8'));
    }
  };
  walk(dir);
  return texts;
}
