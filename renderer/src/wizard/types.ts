/** The contract's types the wizard uses, named once (the renderer reaches the contract only through contract.ts). */
import type { ResultOf } from '../../../contract/contract';

export type { ConnectResult } from '../../../contract/contract';

export type WizardState = ResultOf<'wizard.state'>;
export type WizardStepId = WizardState['currentStep'];
export type ProfileInfo = ResultOf<'profile.current'>;
export type DomainLint = ResultOf<'wizard.lintDomain'>;
export type WizardOptions = ResultOf<'wizard.options'>;
export type CourseCoValue = ResultOf<'wizard.courseCoValues'>['values'][number];
export type ReadBack = ResultOf<'wizard.readBack'>;
export type TransactionRow = ResultOf<'transactions.list'>['rows'][number];
export type TransactionDetail = ResultOf<'transactions.get'>;
export type DiagnosticCheck = ResultOf<'diagnostics.run'>['checks'][number];
export type OrganisationView = ResultOf<'wizard.organisations'>['organisations'][number];
export type PreviewTransaction = ResultOf<'sync.preview'>['transactions'][number];
export type SyncSummary = ResultOf<'sync.run'>;
