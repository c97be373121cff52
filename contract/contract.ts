/**
 * The one IPC contract. Main validates every call against it, the preload and the web-host client derive the
 * renderer's API from it, and the renderer imports its types. Adding a method = one entry here + one handler.
 *
 * Channel names are `group.method`; the renderer calls them as `window.assistant.group.method(args)`.
 * Results are parsed on the main side too, so a handler can never leak a field the schema does not name.
 */
import { z } from 'zod';
import { diagnosticsChannels, diagnosticsEvents } from './features/diagnostics';
import { reconcileChannels, reconcileEvents } from './features/reconcile';
import { rulesChannels } from './features/rules';
import { settingsChannels } from './features/settings';
import { scheduleChannels, scheduleEvents } from './features/schedule';
import { syncChannels, syncEvents } from './features/sync';
import { transactionsChannels, transactionsEvents } from './features/transactions';
import { KeychainState, wizardChannels, wizardEvents } from './features/wizard';
import { XeroOrigin } from './xero-origin';

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
  /** Desktop app: false in a development run (not installed), which cannot start itself at login. */
  packaged: z.boolean().optional(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const ConnectionState = z.enum(['not-configured', 'disconnected', 'connecting', 'connected', 'reconnect-needed']);

export const AppType = z.enum(['web', 'pkce']);

/** What the assistant shows of the connected organisation (GET /Organisation). */
export const OrganisationDetails = z.object({
  tenantId: z.string(),
  organisationId: z.string().optional(),
  name: z.string(),
  legalName: z.string().optional(),
  countryCode: z.string().optional(),
  baseCurrency: z.string().optional(),
  shortCode: z.string().optional(),
  version: z.string().optional(),
  organisationStatus: z.string().optional(),
  isDemoCompany: z.boolean().optional(),
});
export type OrganisationDetails = z.infer<typeof OrganisationDetails>;

/** The outcome of one cheap authenticated call (`connection.check`). */
export const ConnectionCheck = z.object({
  ok: z.boolean(),
  at: z.string(),
  kind: z.string().optional(),
  message: z.string().optional(),
  fix: z.string().optional(),
});

/** Never carries a token or the secret: only expiry times and ages. */
export const ConnectionStatus = z.object({
  state: ConnectionState,
  organisationName: z.string().optional(),
  tenantId: z.string().optional(),
  /** Plain-words reason for the state, e.g. why a reconnect is needed. */
  reason: z.string().optional(),
  appType: AppType.optional(),
  accessTokenExpiresAt: z.string().optional(),
  refreshTokenIssuedAt: z.string().optional(),
  refreshTokenExpiresAt: z.string().optional(),
  refreshTokenAgeDays: z.number().int().nonnegative().optional(),
  /** Set when the 60-day refresh window is close to its end. */
  warning: z.string().optional(),
  scopes: z.string().optional(),
  organisation: OrganisationDetails.optional(),
  check: ConnectionCheck.optional(),
  rateLimits: z
    .object({ dayRemaining: z.number().optional(), minuteRemaining: z.number().optional(), appMinuteRemaining: z.number().optional() })
    .optional(),
});
export type ConnectionStatus = z.infer<typeof ConnectionStatus>;

/** The secret goes in through `credentials.set` and never comes out: only whether one is stored. */
export const CredentialsStatus = z.object({
  /** Masked, e.g. `1A2B…9F0E`. */
  clientId: z.string().optional(),
  clientIdStored: z.boolean(),
  secretStored: z.boolean(),
  appType: AppType.optional(),
  keychain: KeychainState,
});
export type CredentialsStatus = z.infer<typeof CredentialsStatus>;

export const OrganisationChoice = z.object({
  tenantId: z.string(),
  name: z.string(),
  tenantType: z.string(),
  current: z.boolean(),
  connectedAt: z.string().optional(),
});
export type OrganisationChoice = z.infer<typeof OrganisationChoice>;

export const ConnectResult = z.object({
  status: ConnectionStatus,
  organisations: z.array(OrganisationChoice),
  organisation: OrganisationDetails.optional(),
  /** Several organisations were authorised and none could be chosen automatically: call `connection.choose`. */
  needsChoice: z.boolean(),
});
export type ConnectResult = z.infer<typeof ConnectResult>;

export const InvoiceStatusSetting = z.enum(['DRAFT', 'AUTHORISED']);
export const ScopeMode = z.enum(['granular', 'broad']);
/** A document dated on or before Xero's lock date: held (an error in the plan) or dated on the first open day. */
export const LockedPeriodSetting = z.enum(['hold', 'first-open-day']);

/** Non-secret settings. Secrets (client secret, tokens) live only in the keychain and never appear here. */
export const Settings = z.object({
  'courseco.domain': z.string().max(253).optional(),
  /** Where the client secret and tokens go: set outside the contract only (see RendererSettingKey, xero-origin.ts). */
  'xero.issuer': XeroOrigin,
  'xero.apiOrigin': XeroOrigin,
  'xero.scopes': ScopeMode,
  'oauth.ports': z.string().regex(/^\d{2,5}(,\d{2,5})*$/, 'comma-separated port numbers'),
  'xero.clientId': z.string().max(64).optional(),
  'xero.tenantId': z.string().max(64).optional(),
  'xero.expectedOrganisation': z.string().max(255).optional(),
  'xero.invoiceAccountCode': z.string().max(10).optional(),
  'xero.paymentAccountCode': z.string().max(10).optional(),
  /** The payment account's AccountID, set by the wizard's choose step: payments send it, so uncoded bank accounts work. */
  'xero.paymentAccountId': z.string().uuid().optional(),
  /** Where several active sales rates share a percentage: "0=TAX005;20=OUTPUT2" (percent = TaxType), chosen in setup. */
  'xero.taxTypesByRate': z
    .string()
    .max(500)
    .regex(/^(\d+(\.\d+)?=[A-Za-z0-9_]{1,50})(;\d+(\.\d+)?=[A-Za-z0-9_]{1,50})*$/, 'percent=TaxType pairs separated by ";", e.g. 0=TAX005')
    .optional(),
  'xero.taxRateName': z.string().max(255).optional(),
  'xero.invoiceStatus': InvoiceStatusSetting,
  'sync.lockedPeriod': LockedPeriodSetting.optional(),
  /** "on": payments received on the same day by the same method go to Xero as one batch payment (a deposit). Off when absent. */
  'xero.batchDeposits': z.enum(['off', 'on']).optional(),
  /** Rules per course as JSON (main/sync/plan/line-rules.ts); written only through `rules.*`, which validates it whole. */
  'rules.lines': z.string().max(200_000).optional(),
  /** "yes": the user agreed that tracking options the rules name and Xero lacks are added (needs `accounting.settings`). */
  'rules.addTrackingOptions': z.enum(['yes', 'no']).optional(),
  /** Scheduled syncs (main/schedule/): "on" runs the sync by itself at `schedule.time`; written only through `schedule.set`. */
  'schedule.enabled': z.enum(['off', 'on']).optional(),
  'schedule.time': z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a 24-hour time such as 02:00').optional(),
  'schedule.days': z.enum(['every-day', 'weekdays']).optional(),
  /** Desktop app: "on" keeps it in the tray when its window closes, so scheduled syncs go on. */
  'app.keepInTray': z.enum(['off', 'on']).optional(),
  /** Desktop app: "on" starts it at login (in the tray), registered with the OS by the shell. */
  'app.startAtLogin': z.enum(['off', 'on']).optional(),
});
export type Settings = z.infer<typeof Settings>;
export const SettingKey = z.enum(Object.keys(Settings.shape) as [keyof Settings, ...(keyof Settings)[]]);
export type SettingKey = z.infer<typeof SettingKey>;
/**
 * The settings a window may change. Not the Xero origins (a compromised window would send the tokens and the client
 * secret to a server of its choosing), and not the Client ID (it changes only with its secret, through
 * `credentials.set`, which also ends the old app's sign-in).
 */
export const RendererSettingKey = SettingKey.exclude([
  'xero.issuer',
  'xero.apiOrigin',
  'xero.clientId',
  'rules.lines',
  'rules.addTrackingOptions',
  // Through `schedule.set`, which also restarts the schedule's count from the change.
  'schedule.enabled',
  'schedule.time',
  'schedule.days',
  'app.keepInTray',
  'app.startAtLogin',
]);
export type RendererSettingKey = z.infer<typeof RendererSettingKey>;

export const channels = {
  'app.info': { args: Empty, result: AppInfo },
  'app.ping': {
    args: z.object({ message: z.string().max(1000) }).strict(),
    result: z.object({ echo: z.string(), receivedAt: z.string() }),
  },
  'connection.status': { args: Empty, result: ConnectionStatus },
  /** The status after one cheap authenticated call (GET /Organisation); a failed check is reported, not thrown. */
  'connection.check': { args: Empty, result: ConnectionStatus },
  /** The exact loopback redirect URIs to register in the Xero app, preferred first. */
  'connection.redirectUris': { args: Empty, result: z.object({ redirectUris: z.array(z.string()) }) },
  /**
   * Starts the sign-in: the authorize URL goes to the system browser (and out as `connection.authorizeUrl`); resolves
   * when Xero's answer has been handled, with the organisation or the list to choose from.
   */
  'connection.connect': {
    args: z.object({ tenant: z.string().trim().min(1).max(255).optional() }).strict(),
    result: ConnectResult,
  },
  'connection.cancel': { args: Empty, result: z.object({ cancelled: z.boolean() }) },
  'connection.organisations': { args: Empty, result: z.object({ organisations: z.array(OrganisationChoice) }) },
  'connection.choose': { args: z.object({ tenantId: z.string().trim().min(1).max(255) }).strict(), result: ConnectResult },
  /** DELETE the organisation's connection, then (unless revoke is false) revoke the refresh token and forget it. */
  'connection.disconnect': {
    args: z.object({ revoke: z.boolean().optional() }).strict(),
    result: z.object({
      connectionRemoved: z.boolean(),
      revoked: z.boolean(),
      /** False when Xero could not be asked (the sign-in had ended, or no organisation was chosen). */
      xeroAsked: z.boolean().optional(),
      status: ConnectionStatus,
    }),
  },
  'credentials.status': { args: Empty, result: CredentialsStatus },
  /** Validated before anything is stored; without clientSecret the app is a PKCE app and a stored secret is removed. */
  'credentials.set': {
    args: z.object({ clientId: z.string().max(200), clientSecret: z.string().max(500).optional() }).strict(),
    result: CredentialsStatus,
  },
  'credentials.clear': { args: Empty, result: CredentialsStatus },
  'settings.get': { args: Empty, result: Settings },
  'settings.set': {
    args: z.object({ key: RendererSettingKey, value: z.union([z.string().max(2000), z.null()]) }).strict(),
    result: Settings,
  },
  // Each feature keeps its entries in its own file (contract/features/), so features never collide here.
  ...transactionsChannels,
  ...syncChannels,
  ...wizardChannels,
  ...diagnosticsChannels,
  ...rulesChannels,
  ...reconcileChannels,
  ...settingsChannels,
  ...scheduleChannels,
} as const;

/** Events main pushes to the renderer. */
export const events = {
  'connection.changed': ConnectionStatus,
  /** The authorize URL of a sign-in just started, for hosts without a system browser (web host, tests). */
  'connection.authorizeUrl': z.object({ url: z.string(), redirectUri: z.string() }),
  /**
   * The services process stopped unexpectedly and was started again: calls in flight at that moment failed, and a sync
   * that was running was interrupted (it carries on from where it stopped when started again).
   */
  'app.servicesRestarted': z.object({ reason: z.string(), restarts: z.number().int().nonnegative() }),
  ...transactionsEvents,
  ...syncEvents,
  ...wizardEvents,
  ...diagnosticsEvents,
  ...reconcileEvents,
  ...scheduleEvents,
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
