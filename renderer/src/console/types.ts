/** The console's vocabulary, derived from the contract (the renderer imports only contract/'s top level). */
import type { ArgsOf, ResultOf } from '../../../contract/contract';

export type TransactionRow = ResultOf<'transactions.list'>['rows'][number];
export type TransactionStatus = TransactionRow['status'];
export type TransactionFilter = Omit<ArgsOf<'transactions.list'>, 'limit' | 'after'>;
export type ImportResult = ResultOf<'transactions.import'>;
export type ImportArgs = ArgsOf<'transactions.import'>;
export type StatusCounts = ResultOf<'transactions.counts'>;
export type TransactionDetail = ResultOf<'transactions.get'>;
export type ActionResult = ResultOf<'transactions.exclude'>;
