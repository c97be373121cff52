import { problem, validationException, type SandboxResponse } from '../http/response';

/** Xero's 404 body is not documented; the sandbox uses the same problem-details shape as its 401/403. */
export function notFound(detail = "The resource you're looking for cannot be found"): SandboxResponse {
  return problem(404, 'Not Found', detail);
}

export function emptyBody(): SandboxResponse {
  return validationException([], 'The request body is empty or has no elements to process.');
}
