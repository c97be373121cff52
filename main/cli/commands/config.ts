/**
 * `courseco-xero config get [KEY]`, `config set KEY VALUE` (an empty VALUE clears the key or restores its default;
 * account and tax settings are judged by the chart policy against the live chart first, as setup judges them) and
 * `config repair` (sets a damaged settings file aside and brings back the last good copy: the one write to a damaged
 * file, and only when the person asks for it).
 */
import type { Command } from 'commander';
import { SettingKey, type Settings } from '../../../contract/contract';
import { chartReader, writeChartSetting } from '../../wizard/chart-setting-write';
import { validateClientId } from '../../xero/credentials';
import { CliFailure, type ContextFactory } from '../cli-context';

function keyOf(raw: string): SettingKey {
  const parsed = SettingKey.safeParse(raw);
  if (!parsed.success) throw new CliFailure(`Unknown setting "${raw}". Known settings: ${SettingKey.options.join(', ')}.`);
  return parsed.data;
}

function lines(settings: Partial<Settings>): string {
  return Object.entries(settings)
    .map(([key, value]) => `${key}=${value ?? ''}`)
    .join('\n');
}

export function registerConfigCommand(program: Command, context: ContextFactory): void {
  const config = program.command('config').description('read or change settings: config get [KEY] | config set KEY VALUE');
  config
    .command('get')
    .description('print every setting, or one')
    .argument('[key]', `one of: ${SettingKey.options.join(', ')}`)
    .action((raw: string | undefined) => {
      const ctx = context();
      const all = ctx.services().settings.all();
      if (raw === undefined) return ctx.result(all, lines(all));
      const key = keyOf(raw);
      const value = all[key];
      ctx.result({ [key]: value ?? null }, value === undefined ? '' : String(value));
    });
  config
    .command('set')
    .description('change one setting; an empty value clears it (or restores its default)')
    .argument('<key>')
    .argument('<value>')
    .action(async (raw: string, value: string) => {
      const ctx = context();
      const key = keyOf(raw);
      if (key === 'xero.clientId') {
        validateClientId(value); // names a pasted secret before saying where the ID belongs
        throw new CliFailure('Set the Client ID with: courseco-xero credentials set --client-id ID [--client-secret-stdin] (it keeps the secret and the sign-in consistent).');
      }
      // Rules are checked whole before they are kept (line-rules.ts): never one raw string past the check.
      if (key === 'rules.lines') throw new CliFailure('Set rules with: courseco-xero rules import FILE (the file is checked whole; a bad one changes nothing).');
      const services = ctx.services();
      // The chart policy judges account and tax settings first: a refusal exits non-zero, a warning is printed.
      const { settings: next, warnings } = await writeChartSetting(services.settings, key, value.trim() === '' ? null : (value as Settings[typeof key]), chartReader(services));
      for (const warning of warnings) ctx.note(`Warning: ${warning}`);
      ctx.result({ [key]: next[key] ?? null, ...(warnings.length ? { warnings } : {}) }, `${key}=${next[key] ?? ''}`);
    });
  config
    .command('repair')
    .description('set a damaged settings file aside and bring back the last good copy (or the defaults)')
    .action(() => {
      const ctx = context();
      const { restored, setAside } = ctx.services().settings.repair();
      ctx.result(
        { restored, setAside },
        `The damaged settings file was set aside as ${setAside}; ${restored === 'last-good' ? 'the last good copy is back in place' : 'there was no good copy, so the defaults are back (connect and choose your accounts again)'}.`,
      );
    });
}
