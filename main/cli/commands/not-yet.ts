import { CliFailure } from '../cli-context';

/** Commands whose issue has not landed: listed in --help, and say so plainly when run. */
export function notImplementedYet(command: string): never {
  throw new CliFailure(`courseco-xero ${command}: not implemented yet.`, 2);
}
