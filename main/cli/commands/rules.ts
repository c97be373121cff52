/**
 * `courseco-xero rules list`, `rules export FILE`, `rules import FILE | --example` and `rules tracking-options yes|no`:
 * rules per course as JSON (main/sync/plan/line-rules.ts). An imported file is checked whole; a bad one is refused
 * with every reason and nothing changes. Values are checked against the organisation when a sync is planned.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { saveRules, setAddTrackingOptions, storedRules } from '../../settings/rules-settings';
import { EXAMPLE_RULES, TRACKING_SCOPE_REASON, type LineRule, type LineRules, type RuleValues } from '../../sync/plan';
import { CliFailure, type ContextFactory } from '../cli-context';

function describeWhen(rule: LineRule): string {
  const w = rule.when;
  const parts: string[] = [];
  if (w.course) parts.push(`course contains "${w.course}"`);
  if (w.category) parts.push(`category contains "${w.category}"`);
  if (w.nominalCode) parts.push(`nominal code is ${w.nominalCode}`);
  if (w.transactionType) parts.push(`type contains "${w.transactionType}"`);
  if (w.venue) parts.push(`venue contains "${w.venue}"`);
  return parts.join(' and ');
}

function describeThen(v: RuleValues): string {
  const parts: string[] = [];
  if (v.accountCode) parts.push(`account ${v.accountCode}`);
  if (v.taxType) parts.push(`tax ${v.taxType}`);
  for (const t of v.tracking ?? []) parts.push(`${t.category}: ${t.option}`);
  return parts.join(', ') || '(nothing: Setup decides)';
}

/** The rules as a table a person reads top to bottom: the first matching rule wins. */
export function rulesTable(rules: LineRules): string {
  if (rules.rules.length === 0 && !rules.default) return 'No rules per course: every line uses the account and tax rate chosen in Setup.';
  const rows = rules.rules.map((r, i) => [String(i + 1), r.name, describeWhen(r), describeThen(r.then)]);
  if (rules.default) rows.push(['–', 'default', 'no rule above matches', describeThen(rules.default)]);
  const head = ['#', 'Rule', 'When', 'Then'];
  const widths = head.map((h, c) => Math.min(48, Math.max(h.length, ...rows.map((r) => r[c]!.length))));
  const line = (cells: string[]) => cells.map((cell, c) => (c === cells.length - 1 ? cell : cell.padEnd(widths[c]!))).join('  ');
  return [line(head), ...rows.map(line), '', 'The first rule that matches a line wins; lines no rule matches follow "default", else Setup.'].join('\n');
}

function readDocument(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new CliFailure(`Cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}. Nothing changed.`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new CliFailure(`${file} is not JSON (${(e as Error).message}). Nothing changed.`);
  }
}

export function registerRulesCommand(program: Command, context: ContextFactory): void {
  const rules = program.command('rules').description('rules per course: account, tax rate and tracking options by course, category, nominal code, type or venue');
  rules
    .command('list')
    .description('show the rules in the order they are tried')
    .action(() => {
      const ctx = context();
      const stored = storedRules(ctx.services().settings);
      if (stored.problems.length) throw new CliFailure(`The stored rules cannot be read (${stored.problems.join('; ')}): import them again with courseco-xero rules import FILE.`);
      const note = stored.addTrackingOptions ? '\nMissing tracking options are added to Xero before sending (you agreed).' : '';
      ctx.result({ ...stored.rules, addTrackingOptions: stored.addTrackingOptions }, `${rulesTable(stored.rules)}${note}`);
    });
  rules
    .command('export')
    .description('write the rules to a JSON file (to edit, keep or take to another computer)')
    .argument('<file>')
    .action((file: string) => {
      const ctx = context();
      const stored = storedRules(ctx.services().settings);
      if (stored.problems.length) throw new CliFailure(`The stored rules cannot be read (${stored.problems.join('; ')}); nothing was written.`);
      writeFileSync(file, `${JSON.stringify(stored.rules, null, 2)}\n`);
      ctx.result({ file, rules: stored.rules.rules.length, default: Boolean(stored.rules.default) }, `Wrote ${stored.rules.rules.length} rule(s)${stored.rules.default ? ' and the default rule' : ''} to ${file}.`);
    });
  rules
    .command('import')
    .description('replace the rules with a JSON file, checked whole (a bad file changes nothing); --example loads the example')
    .argument('[file]')
    .option('--example', 'the example: accredited vocational training exempt from VAT, course materials at 23 %')
    .action((file: string | undefined, flags: { example?: boolean }) => {
      const ctx = context();
      if (!file && !flags.example) throw new CliFailure('Name a rules file (courseco-xero rules import FILE), or use --example.');
      if (file && flags.example) throw new CliFailure('Give a file or --example, not both.');
      const saved = saveRules(ctx.services().settings, flags.example ? EXAMPLE_RULES : readDocument(file!));
      ctx.result(
        { imported: saved.rules.length, default: Boolean(saved.default), rules: saved },
        `${rulesTable(saved)}\n\nImported ${saved.rules.length} rule(s). Accounts, tax rates and tracking options are checked against Xero when you preview or sync.`,
      );
    });
  rules
    .command('tracking-options')
    .description(`may the assistant add tracking options your rules name that Xero lacks? (yes needs a reconnect ${TRACKING_SCOPE_REASON})`)
    .argument('<answer>', 'yes or no')
    .action((answer: string) => {
      const ctx = context();
      if (answer !== 'yes' && answer !== 'no') throw new CliFailure(`Answer yes or no, not "${answer}".`);
      setAddTrackingOptions(ctx.services().settings, answer === 'yes');
      ctx.result(
        { addTrackingOptions: answer === 'yes' },
        answer === 'yes'
          ? `Agreed. Xero must allow the assistant to change settings ${TRACKING_SCOPE_REASON}: run courseco-xero connect again and approve it.`
          : 'Tracking options missing in Xero will be errors in the plan, each with its fix; nothing is added to Xero.',
      );
    });
}
