/**
 * Contract entries of the Settings page: the profile's folders (the services decide which folder a window may see or
 * open; a window never names a path), forgetting the Xero sign-in on this computer only, and resetting a profile.
 */
import { z } from 'zod';
import { ProfileInfo } from './wizard';

const Empty = z.object({}).strict();

/** The folders a window may ask to open: named, never given as a path (the services map each name to its folder). */
export const FolderName = z.enum(['data']);
export type FolderName = z.infer<typeof FolderName>;

export const ProfileFolders = z.object({
  /** The open profile's data folder (the sample profile's own folder while it is open). */
  data: z.string(),
  /** Where the app writes its log, when it writes one to a folder; absent when it keeps no log file. */
  logs: z.string().optional(),
  /** The host can show a folder in the computer's file manager (the desktop app can; the browser host cannot). */
  canOpen: z.boolean(),
});
export type ProfileFolders = z.infer<typeof ProfileFolders>;

export const ResetOutcome = z.object({
  profile: ProfileInfo,
  /** How many of the app's files and folders were deleted. */
  removed: z.number().int().nonnegative(),
  /** Files in the folder the app did not create, left as they were (names only, for the log and the CLI). */
  left: z.array(z.string()),
  /** The Client Secret and sign-in were deleted from the password store (false when it could not be reached). */
  secretsCleared: z.boolean(),
});
export type ResetOutcome = z.infer<typeof ResetOutcome>;

export const settingsChannels = {
  'app.folders': { args: Empty, result: ProfileFolders },
  /** Opens a named folder of the open profile in the computer's file manager (hosts that can: `canOpen`). */
  'app.openFolder': { args: z.object({ folder: FolderName }).strict(), result: z.object({ opened: z.boolean() }) },
  /**
   * Deletes this computer's saved Xero sign-in (the tokens) and nothing else: the connection in Xero stays, so another
   * integration using it (CourseCo's own) is untouched. The Client ID and secret stay, for signing in again.
   */
  'connection.forget': {
    args: Empty,
    // The new status follows as `connection.changed` (ConnectionStatus lives in contract.ts, which imports this file).
    result: z.object({ forgotten: z.boolean() }),
  },
  /**
   * Deletes the open profile's data on this computer (imported transactions, sync history, settings, the secrets in
   * the password store) and opens the user's own profile afresh. Nothing in Xero changes. The sample profile's reset
   * starts its practice Xero afresh too. `confirm` must be true: the page asks twice before sending it.
   */
  'profile.reset': { args: z.object({ confirm: z.literal(true) }).strict(), result: ResetOutcome },
} as const satisfies Record<string, { args: z.ZodType; result: z.ZodType }>;
