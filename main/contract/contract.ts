/**
 * The one IPC contract. Main validates every call against it, the preload and the web-host client derive the
 * renderer's API from it, and the renderer imports its types. Adding a method = one entry here + one handler.
 *
 * Channel names are `group.method`; the renderer calls them as `window.assistant.group.method(args)`.
 * Results are parsed on the main side too, so a handler can never leak a field the schema does not name.
 */
import { z } from 'zod';

const Empty = z.object({}).strict();

export const HostKind = z.enum(['electron', 'web', 'cli']);
export type HostKind = z.infer<typeof HostKind>;

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  host: HostKind,
  platform: z.string(),
  versions: z.object({ node: z.string(), electron: z.string().optional(), chrome: z.string().optional() }),
  dataDir: z.string(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const ConnectionState = z.enum(['not-configured', 'disconnected', 'connecting', 'connected', 'reconnect-needed']);

export const ConnectionStatus = z.object({
  state: ConnectionState,
  organisationName: z.string().optional(),
  tenantId: z.string().optional(),
  /** Plain-words reason for the state, e.g. why a reconnect is needed. */
  reason: z.string().optional(),
});
export type ConnectionStatus = z.infer<typeof ConnectionStatus>;

export const InvoiceStatusSetting = z.enum(['DRAFT', 'AUTHORISED']);
export const ScopeMode = z.enum(['granular', 'broad']);

/** Non-secret settings. Secrets (client secret, tokens) live only in the keychain and never appear here. */
export const Settings = z.object({
  'courseco.domain': z.string().max(253).optional(),
  'xero.issuer': z.string().url(),
  'xero.apiOrigin': z.string().url(),
  'xero.scopes': ScopeMode,
  'oauth.ports': z.string().regex(/^\d{2,5}(,\d{2,5})*$/, 'comma-separated port numbers'),
  'xero.clientId': z.string().max(64).optional(),
  'xero.tenantId': z.string().max(64).optional(),
  'xero.expectedOrganisation': z.string().max(255).optional(),
  'xero.invoiceAccountCode': z.string().max(10).optional(),
  'xero.paymentAccountCode': z.string().max(10).optional(),
  'xero.taxRateName': z.string().max(255).optional(),
  'xero.invoiceStatus': InvoiceStatusSetting,
});
export type Settings = z.infer<typeof Settings>;
export const SettingKey = z.enum(Object.keys(Settings.shape) as [keyof Settings, ...(keyof Settings)[]]);
export type SettingKey = z.infer<typeof SettingKey>;

export const TaskProgress = z.object({
  taskId: z.string(),
  label: z.string(),
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative().optional(),
});
export type TaskProgress = z.infer<typeof TaskProgress>;

export const channels = {
  'app.info': { args: Empty, result: AppInfo },
  'app.ping': {
    args: z.object({ message: z.string().max(1000) }).strict(),
    result: z.object({ echo: z.string(), receivedAt: z.string() }),
  },
  'connection.status': { args: Empty, result: ConnectionStatus },
  'settings.get': { args: Empty, result: Settings },
  'settings.set': {
    args: z.object({ key: SettingKey, value: z.union([z.string().max(2000), z.null()]) }).strict(),
    result: Settings,
  },
} as const;

/** Events main pushes to the renderer. */
export const events = {
  'connection.changed': ConnectionStatus,
  'task.progress': TaskProgress,
} as const;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type EventName = keyof typeof events;
export type ArgsOf<C extends ChannelName> = z.input<Channels[C]['args']>;
export type ParsedArgsOf<C extends ChannelName> = z.output<Channels[C]['args']>;
export type ResultOf<C extends ChannelName> = z.output<Channels[C]['result']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

export const channelNames = Object.keys(channels) as ChannelName[];
export const eventNames = Object.keys(events) as EventName[];

export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(channels, name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
}
