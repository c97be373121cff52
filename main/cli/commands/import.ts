/**
 * `courseco-xero import FILE [--kind transactions|payments] [--map JSON] [--tax-inclusive] [--date-order dmy|mdy] [--amounts READING]`
 * Row errors are reported and the command still succeeds (the good rows are in); an unreadable file or an
 * unrecognised layout without a usable mapping exits non-zero, with the file's columns so the mapping can be written;
 * so does a file whose amount columns add up more than one way (or none), naming the readings to pass as --amounts.
 * SIGTERM and Ctrl+C stop it with one line until the journal write starts; that write (one transaction) then runs to
 * its end, because stopping half-way would leave half a file imported.
 */
import path from 'node:path';
import type { Command } from 'commander';
import { MAX_IMPORT_BYTES } from '../../../contract/features/transactions';
import { openJournal } from '../../sync/journal';
import { commitImport, prepareImport, type ImportOutcome } from '../../sync/import';
import { CliFailure, type ContextFactory } from '../cli-context';
import { formatSize, readExportFile } from '../read-export-file';

interface ImportFlags {
  kind?: string;
  map?: string;
  taxInclusive?: boolean;
  dateOrder?: string;
  amounts?: string;
}

function parseMap(raw: string): Record<string, string> {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    value = undefined;
  }
  if (!value || typeof value !== 'object' || Array.isArray(value) || !Object.values(value).every((v) => typeof v === 'string')) {
    throw new CliFailure('--map must be a JSON object of field → column header, e.g. --map \'{"transactionId":"Ref","contactName":"Who"}\'.');
  }
  return value as Record<string, string>;
}

const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/**
 * Until disposed, SIGINT or SIGTERM prints `message(signal)` and ends the process by that same signal, as a process
 * without a handler would end (a shell reports 130 or 143, and a script running the CLI in a loop stops too).
 * Re-raising rather than process.exit(): exit waits for file reads still in Node's thread pool, and an open() on a
 * file system that does not answer may never return. Only ever reached between asynchronous steps: JavaScript
 * cannot run while the journal write (synchronous) is under way.
 */
function stopOnSignals(message: (signal: string) => string): () => void {
  const handlers = STOP_SIGNALS.map((signal) => {
    const handler = () => {
      process.stderr.write(`${message(signal)}\n`);
      dispose();
      process.kill(process.pid, signal);
    };
    process.on(signal, handler);
    return () => process.off(signal, handler);
  });
  const dispose = () => handlers.forEach((off) => off());
  return dispose;
}

/**
 * Lets a signal that arrived during synchronous work be handled before the next step. libuv reads signals in its
 * poll phase, which comes after this iteration's immediates: the first immediate runs before it, the second after.
 */
const answerPendingSignals = () => new Promise<void>((resolve) => setImmediate(() => setImmediate(resolve)));

function humanSummary(file: string, outcome: Extract<ImportOutcome, { status: 'imported' }>): string {
  const lines = [
    `${file}: ${outcome.kind} — ${outcome.imported} new, ${outcome.updated} updated, ${outcome.unchanged} unchanged, ` +
      `${outcome.changed} changed since sync${outcome.changed ? ' (flagged, not re-sent)' : ''}${outcome.skipped ? `, ${outcome.skipped} rows skipped (blank/total/not completed)` : ''}.`,
  ];
  if (outcome.usedSavedMapping) lines.push('Used the column mapping saved for this layout.');
  for (const note of outcome.notes ?? []) lines.push(note);
  if (outcome.errors.length > 0) {
    lines.push(`${outcome.errors.length} row error(s); those rows were not imported:`);
    for (const e of outcome.errors.slice(0, 50)) lines.push(`  row ${e.row}${e.column ? `, ${e.column}` : ''}: ${e.reason}`);
    if (outcome.errors.length > 50) lines.push(`  … and ${outcome.errors.length - 50} more (use --json for all).`);
  }
  for (const w of outcome.warnings.slice(0, 20)) lines.push(`Note: row ${w.row}, ${w.column}: ${w.reason}`);
  return lines.join('\n');
}

export function registerImportCommand(program: Command, context: ContextFactory): void {
  program
    .command('import')
    .description('import a CourseCo report export (transactions or payments CSV) into the journal')
    .argument('<file>', `the CSV downloaded from CourseCo: a regular file of up to ${formatSize(MAX_IMPORT_BYTES)}`)
    .option('--kind <kind>', 'transactions | payments (default: detected from the header)')
    .option('--map <json>', 'column mapping for an unrecognised layout: {"field": "Column header", ...}; saved for next time')
    .option('--tax-inclusive', 'amounts in the file include VAT (default: they exclude it)')
    .option('--date-order <order>', 'dmy (default, DD/MM/YYYY) | mdy (MM/DD/YYYY)')
    .option('--amounts <reading>', 'how the amount columns add up, when the import asks (e.g. total-includes-vat)')
    .action(async (file: string, flags: ImportFlags) => {
      const ctx = context();
      if (flags.kind !== undefined && flags.kind !== 'transactions' && flags.kind !== 'payments') {
        throw new CliFailure(`--kind must be transactions or payments, not "${flags.kind}".`);
      }
      if (flags.dateOrder !== undefined && flags.dateOrder !== 'dmy' && flags.dateOrder !== 'mdy') {
        throw new CliFailure(`--date-order must be dmy or mdy, not "${flags.dateOrder}".`);
      }
      const mapping = flags.map ? parseMap(flags.map) : undefined;
      const stopListening = stopOnSignals((signal) => `Import stopped (${signal}): nothing was imported from ${file}.`);
      let journal: ReturnType<typeof openJournal> | undefined;
      try {
        const bytes = await readExportFile(file, { maxBytes: MAX_IMPORT_BYTES, onReading: (size) => ctx.note(`Reading ${file} (${formatSize(size)})…`) });
        journal = openJournal(ctx.dataDir);
        const prepared = prepareImport(journal, {
          bytes,
          fileName: path.basename(file),
          ...(flags.kind ? { kind: flags.kind as 'transactions' | 'payments' } : {}),
          ...(mapping ? { mapping } : {}),
          amountsIncludeTax: Boolean(flags.taxInclusive),
          ...(flags.dateOrder ? { dateOrder: flags.dateOrder as 'dmy' | 'mdy' } : {}),
          ...(flags.amounts ? { amounts: flags.amounts } : {}),
        });
        // Parsing is synchronous: a signal that came meanwhile stops the import here, before anything is written. One
        // that comes during the write waits for it (the listeners stay, so it cannot kill the process half-way) and is
        // then dropped, the import being complete.
        await answerPendingSignals();
        const outcome: ImportOutcome = prepared.status === 'prepared' ? commitImport(journal, prepared) : prepared;
        if (outcome.status === 'needs-amounts') {
          if (ctx.json) ctx.result(outcome, '');
          throw new CliFailure(`${file}: nothing imported. ${outcome.question.message} Re-run with --amounts and one of: ${outcome.question.readings.map((r) => `${r.id} (${r.label})`).join('; ')}.`, 2);
        }
        if (outcome.status === 'needs-mapping') {
          if (ctx.json) ctx.result(outcome, '');
          throw new CliFailure(
            `${file}: the columns were not recognised (missing: ${outcome.missing.join('; ')}). ` +
              `The file's columns are: ${outcome.columns.join(', ')}. Re-run with --map '{"field":"Column", ...}' (fields: ${outcome.fields.join(', ')}).`,
            2,
          );
        }
        const { status: _status, usedSavedMapping: _saved, ...rest } = outcome;
        const plain = (list: typeof outcome.errors) => list.map(({ row, column, reason }) => ({ row, column, reason }));
        ctx.result({ ...rest, errors: plain(outcome.errors), warnings: plain(outcome.warnings) }, humanSummary(file, outcome));
      } finally {
        stopListening();
        journal?.close();
      }
    });
}
