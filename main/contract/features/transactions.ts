/** Contract entries of the transactions feature, merged into `channels` / `events` by contract.ts. */
import type { z } from 'zod';

export const transactionsChannels = {} as const satisfies Record<string, { args: z.ZodType; result: z.ZodType }>;

export const transactionsEvents = {} as const satisfies Record<string, z.ZodType>;
