/** Every check, in the order people read them: the guide's "What to Check", its "Common Issues", then the environment. */
import { accountCodes, taxRateTitle } from './checks/accounts';
import { booksMatch } from './checks/books';
import type { CheckDefinition } from './checks/check';
import { connectionActive, tenantId, wrongOrganisation } from './checks/connection';
import { currencyOfData } from './checks/currency';
import { clockSkew, keychain, rateLimit, settingsFile, versions } from './checks/environment';
import { syncErrors, transactionsPush } from './checks/journal';
import { clientCredentials, redirectUri, scopes } from './checks/sign-in';

export const checkRegistry: readonly CheckDefinition[] = [
  connectionActive,
  tenantId,
  accountCodes,
  syncErrors,
  transactionsPush,
  booksMatch,
  redirectUri,
  clientCredentials,
  wrongOrganisation,
  taxRateTitle,
  currencyOfData,
  keychain,
  settingsFile,
  clockSkew,
  scopes,
  rateLimit,
  versions,
];
