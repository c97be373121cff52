/**
 * A small JSON record in the profile's data dir (never a secret): read through a schema, so a damaged or foreign
 * file reads as absent instead of as wrong facts, and written atomically (temp file + rename) with owner-only access.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';

export interface JsonFile<T> {
  read(): T | undefined;
  write(value: T): T;
}

export function openJsonFile<S extends z.ZodType>(file: string, schema: S): JsonFile<z.infer<S>> {
  return {
    read() {
      try {
        const parsed = schema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
        return parsed.success ? (parsed.data as z.infer<S>) : undefined;
      } catch {
        return undefined;
      }
    },
    write(value) {
      const checked = schema.parse(value) as z.infer<S>;
      mkdirSync(path.dirname(file), { recursive: true });
      const temp = `${file}.${process.pid}.tmp`;
      writeFileSync(temp, `${JSON.stringify(checked, null, 2)}\n`, { mode: 0o600 });
      renameSync(temp, file);
      return checked;
    },
  };
}
