/** Where the Client Secret is kept: the contract's one phrase, shared with the services' hints, for the wizard's steps. */
export { secretPlace } from '../../../contract/features/wizard';
