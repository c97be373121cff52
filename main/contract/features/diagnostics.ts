/** Contract entries of the diagnostics feature, merged into `channels` / `events` by contract.ts. */
import type { z } from 'zod';

export const diagnosticsChannels = {} as const satisfies Record<string, { args: z.ZodType; result: z.ZodType }>;

export const diagnosticsEvents = {} as const satisfies Record<string, z.ZodType>;
