/** OpenID discovery, JWKS and userinfo: the issuer is the sandbox's base URL. */
import type { SandboxRequest } from '../http/request';
import { jsonResponse, type SandboxResponse } from '../http/response';
import type { Runtime } from '../runtime';
import { authenticateBearer } from './bearer';
import { BROAD_ONLY_SCOPES, GRANULAR_SCOPES, IDENTITY_SCOPES } from './scopes';

export function discoveryDocument(base: string): Record<string, unknown> {
  return {
    issuer: base,
    jwks_uri: `${base}/.well-known/openid-configuration/jwks`,
    authorization_endpoint: `${base}/identity/connect/authorize`,
    token_endpoint: `${base}/connect/token`,
    userinfo_endpoint: `${base}/connect/userinfo`,
    revocation_endpoint: `${base}/connect/revocation`,
    scopes_supported: [...IDENTITY_SCOPES, ...GRANULAR_SCOPES, ...BROAD_ONLY_SCOPES],
    claims_supported: ['sub', 'xero_userid', 'preferred_username', 'email', 'given_name', 'family_name', 'sid', 'global_session_id', 'auth_time', 'idp'],
    grant_types_supported: ['authorization_code', 'refresh_token'],
    response_types_supported: ['code'],
    response_modes_supported: ['query'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'none'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    code_challenge_methods_supported: ['S256'],
    request_parameter_supported: false,
  };
}

export function discoveryEndpoint(rt: Runtime): SandboxResponse {
  return jsonResponse(200, discoveryDocument(rt.baseUrl));
}

export function jwksEndpoint(rt: Runtime): SandboxResponse {
  return jsonResponse(200, { keys: [rt.key.publicJwk] });
}

export function userinfoEndpoint(rt: Runtime, req: SandboxRequest): SandboxResponse {
  const auth = authenticateBearer(rt, req);
  if (!auth.ok) return auth.response;
  const { user } = rt.store.state;
  return jsonResponse(200, {
    sub: user.sub,
    xero_userid: user.userId,
    preferred_username: user.email,
    email: user.email,
    given_name: user.givenName,
    family_name: user.familyName,
  });
}
