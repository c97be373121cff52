/** Contract entries of the sync feature, merged into `channels` / `events` by contract.ts. */
import type { z } from 'zod';

export const syncChannels = {} as const satisfies Record<string, { args: z.ZodType; result: z.ZodType }>;

export const syncEvents = {} as const satisfies Record<string, z.ZodType>;
