/**
 * The HTTP pipeline around the router: read the body, apply injected faults, dispatch, flush state if the
 * request changed it, log (credentials masked), then write — or drop the connection mid-response if asked to.
 */
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import { registerAccountingRoutes, API_PREFIX } from './accounting/routes';
import { registerAdminRoutes } from './controls/admin-routes';
import { appViewer, deepLinkViewer, directViewer } from './controls/invoice-viewer';
import type { Fault } from './faults';
import { BodyTooLarge, readBody, type SandboxRequest } from './http/request';
import { apiException, htmlResponse, jsonResponse, problem, textResponse, type SandboxResponse } from './http/response';
import { Router } from './http/router';
import { authorizeEndpoint, consentEndpoint, loginEndpoint } from './identity/authorize';
import { deleteConnection, listConnections } from './identity/connections';
import { discoveryEndpoint, jwksEndpoint, userinfoEndpoint } from './identity/discovery';
import { revocationEndpoint } from './identity/revocation';
import { tokenEndpoint } from './identity/token-endpoint';
import { maskHeaders, maskQuery } from './request-log';
import type { Runtime } from './runtime';

export function buildRouter(rt: Runtime): Router {
  const router = new Router();
  router
    .add('GET', '/', () => htmlResponse(200, indexPage(rt)))
    .add('GET', '/.well-known/openid-configuration', () => discoveryEndpoint(rt))
    .add('GET', '/.well-known/openid-configuration/jwks', () => jwksEndpoint(rt))
    .add('GET', '/identity/connect/authorize', (req) => authorizeEndpoint(rt, req))
    .add('POST', '/identity/connect/login', (req) => loginEndpoint(rt, req))
    .add('POST', '/identity/connect/consent', (req) => consentEndpoint(rt, req))
    .add('POST', '/connect/token', (req) => tokenEndpoint(rt, req))
    .add('POST', '/connect/revocation', (req) => revocationEndpoint(rt, req))
    .add('GET', '/connect/userinfo', (req) => userinfoEndpoint(rt, req))
    .add('GET', '/connections', (req) => listConnections(rt, req))
    .add('DELETE', '/connections/:id', (req) => deleteConnection(rt, req))
    .add('GET', '/organisationlogin/default.aspx', (req) => deepLinkViewer(rt, req))
    .add('GET', '/AccountsReceivable/View.aspx', (req) => directViewer(rt, req))
    .add('GET', '/AccountsPayable/View.aspx', (req) => directViewer(rt, req))
    .add('GET', '/app/:shortcode/invoicing/view/:invoiceId', (req) => appViewer(rt, req));
  registerAccountingRoutes(router, rt);
  registerAdminRoutes(router, rt);
  return router;
}

function indexPage(rt: Runtime): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>CourseCo Xero sandbox</title></head><body><main>
<h1>CourseCo Xero sandbox</h1><p>A local simulator of Xero's identity and Accounting APIs. See sandbox/README.md.</p>
<ul><li><a href="/.well-known/openid-configuration">OpenID discovery</a></li><li>Accounting API: ${rt.baseUrl}${API_PREFIX}</li></ul>
</main></body></html>`;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function faultResponse(fault: Fault): SandboxResponse | undefined {
  switch (fault.kind) {
    case '429-minute':
    case '429-day': {
      const which = fault.kind === '429-minute' ? 'minute' : 'day';
      const r = problem(429, 'Too Many Requests', `Rate limit exceeded: ${which}`);
      Object.assign(r.headers, {
        'retry-after': String(fault.retryAfterSeconds ?? (which === 'minute' ? 60 : 3600)),
        'x-rate-limit-problem': which,
        ...(which === 'minute' ? { 'x-minlimit-remaining': '0' } : { 'x-daylimit-remaining': '0' }),
      });
      return r;
    }
    case '500':
      return problem(500, 'Internal Server Error', 'An error occurred in Xero. Check the API Status page http://status.developer.xero.com for current service status.');
    case '503':
      return textResponse(503, 'The Xero API is currently offline for maintenance');
    default:
      return undefined;
  }
}

export function createRequestHandler(rt: Runtime, router: Router): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    void handle(rt, router, req, res).catch((error: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        res.end(`sandbox internal error: ${error instanceof Error ? error.message : String(error)}`);
      } else res.destroy();
    });
  };
}

async function handle(rt: Runtime, router: Router, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const started = performance.now();
  const method = (req.method ?? 'GET').toUpperCase();
  const url = new URL(req.url ?? '/', rt.baseUrl);
  let rawBody: string;
  try {
    rawBody = await readBody(req);
  } catch (e) {
    if (e instanceof BodyTooLarge) {
      send(res, apiException(413, 413, 'RequestEntityTooLarge', 'The request body is larger than 10 MB.'));
      return;
    }
    throw e;
  }
  const sreq: SandboxRequest = { method, path: url.pathname, url, headers: req.headers, rawBody, params: {} };
  const isControl = url.pathname.toLowerCase().startsWith('/sandbox/');
  const fault = isControl ? undefined : rt.faults.take(method, url.pathname);

  let response = fault ? faultResponse(fault) : undefined;
  if (!response) {
    if (fault?.kind === 'latency') sreq.latencyMs = fault.latencyMs;
    const match = router.match(method, url.pathname);
    if (match === undefined) response = notFoundFor(url.pathname);
    else if (match === 'method-not-allowed') response = jsonResponse(405, { error: `Method ${method} is not allowed on ${url.pathname}` });
    else {
      sreq.params = match.params;
      // Outside the API gate, latency is added before handling (the gate adds it while holding a concurrency slot).
      if (sreq.latencyMs && !url.pathname.toLowerCase().startsWith(API_PREFIX.toLowerCase())) await sleep(sreq.latencyMs);
      response = await match.handler(sreq);
    }
  }
  if (response.mutated) rt.store.flush();
  if (!isControl) {
    rt.log.add({
      at: rt.clock.now(),
      method,
      path: url.pathname,
      query: maskQuery(url.searchParams),
      status: response.status,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
      clientId: sreq.clientId,
      tenantId: sreq.tenantId,
      fault: fault?.kind,
      headers: maskHeaders(req.headers),
    });
  }
  if (fault?.kind === 'drop') {
    dropMidResponse(res, response, fault.bodyBytes);
    return;
  }
  if (fault?.kind === 'cut') {
    cutCloseDelimited(res, response, fault.bodyBytes);
    return;
  }
  send(res, response);
}

function notFoundFor(path: string): SandboxResponse {
  if (path.toLowerCase().startsWith(API_PREFIX.toLowerCase())) return problem(404, 'Not Found', "The resource you're looking for cannot be found");
  return jsonResponse(404, { error: `No sandbox endpoint at ${path}` });
}

function send(res: ServerResponse, response: SandboxResponse): void {
  const body = Buffer.from(response.body, 'utf8');
  res.writeHead(response.status, { ...response.headers, 'content-length': String(body.length) });
  res.end(body);
}

/** The part of a body a cut-off answer gets through: `bodyBytes` of it, or half. */
function partOf(body: Buffer, bodyBytes: number | undefined): Buffer {
  return body.subarray(0, Math.min(bodyBytes ?? Math.floor(body.length / 2), Math.max(body.length - 1, 0)));
}

/** Sends the headers and part of the body (half by default), then kills the socket: the client sees a truncated response. */
function dropMidResponse(res: ServerResponse, response: SandboxResponse, bodyBytes?: number): void {
  const body = Buffer.from(response.body, 'utf8');
  res.writeHead(response.status, { ...response.headers, 'content-length': String(Math.max(body.length, 2)) });
  res.write(partOf(body, bodyBytes), () => res.destroy());
}

/**
 * Sends the status and headers without Content-Length or chunking, part of the body (half by default), then closes the connection. Such a
 * body ends where the connection ends (RFC 9112 §6.3, rule 8, and §8: it "is considered complete"), so the client
 * reads half an answer as the whole one, with no network error: what a connection lost mid-answer behind a proxy
 * that does not chunk hands a client. Harsher than `drop`, which the client at least notices.
 */
function cutCloseDelimited(res: ServerResponse, response: SandboxResponse, bodyBytes?: number): void {
  const body = Buffer.from(response.body, 'utf8');
  const fields = Object.entries(response.headers).filter(([name]) => !/^(content-length|transfer-encoding|connection)$/i.test(name));
  const head = [`HTTP/1.1 ${response.status} ${STATUS_CODES[response.status] ?? ''}`, ...fields.map(([name, value]) => `${name}: ${value}`), 'connection: close', '', ''];
  // Written past ServerResponse on purpose: Node would otherwise add a length or chunk the body.
  res.socket?.end(Buffer.concat([Buffer.from(head.join('\r\n'), 'latin1'), partOf(body, bodyBytes)]));
}
