/**
 * Column mappings the user gave for export layouts the importer did not recognise, remembered per profile (the
 * journal lives in the profile's data dir) and keyed by the file's header row, so the next export from the same
 * CourseCo report imports without asking again.
 */
import type Database from 'libsql';
import { normaliseHeader } from '../../courseco/columns';
import type { ExportKind } from '../../courseco/types';
import type { JournalMappings } from './journal';

export interface SavedMapping {
  kind: ExportKind;
  mapping: Record<string, string>;
  savedAt: string;
}

export function columnsSignature(columns: readonly string[]): string {
  return columns.map(normaliseHeader).join('|');
}

export function createJournalMappings(db: Database.Database, now: () => string): JournalMappings {
  const upsert = db.prepare(`INSERT INTO column_mappings (columns_signature, export_kind, mapping_json, saved_at) VALUES (?, ?, ?, ?)
    ON CONFLICT (columns_signature) DO UPDATE SET export_kind = excluded.export_kind, mapping_json = excluded.mapping_json, saved_at = excluded.saved_at`);
  const find = db.prepare('SELECT export_kind, mapping_json, saved_at FROM column_mappings WHERE columns_signature = ?');

  return {
    saveMapping(columns: readonly string[], kind: ExportKind, mapping: Record<string, string>): void {
      upsert.run(columnsSignature(columns), kind, JSON.stringify(mapping), now());
    },
    savedMapping(columns: readonly string[]): SavedMapping | undefined {
      const row = find.get(columnsSignature(columns)) as { export_kind: ExportKind; mapping_json: string; saved_at: string } | undefined;
      return row ? { kind: row.export_kind, mapping: JSON.parse(row.mapping_json) as Record<string, string>, savedAt: row.saved_at } : undefined;
    },
  };
}
