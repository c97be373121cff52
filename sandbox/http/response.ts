/**
 * Handlers return a value instead of writing to the socket, so idempotency replay, fault injection, XML conversion,
 * request logging and persistence can all happen in one place after the handler ran.
 */
import { randomUUID } from 'node:crypto';

export interface SandboxResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Set by handlers that mutated state, so the store is flushed before the response leaves. */
  mutated?: boolean;
}

export function jsonResponse(status: number, value: unknown, headers: Record<string, string> = {}): SandboxResponse {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers }, body: JSON.stringify(value) };
}

export function htmlResponse(status: number, html: string, headers: Record<string, string> = {}): SandboxResponse {
  return { status, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...headers }, body: html };
}

export function textResponse(status: number, text: string, headers: Record<string, string> = {}): SandboxResponse {
  return { status, headers: { 'content-type': 'text/plain; charset=utf-8', ...headers }, body: text };
}

export function emptyResponse(status: number, headers: Record<string, string> = {}): SandboxResponse {
  return { status, headers, body: '' };
}

export function redirectResponse(location: string, status = 302): SandboxResponse {
  return { status, headers: { location, 'cache-control': 'no-store' }, body: '' };
}

/** The problem-details body Xero's API gateway returns for 401/403 (and, in the sandbox, 404/429/500). */
export function problem(status: number, title: string, detail: string): SandboxResponse {
  return jsonResponse(status, { Type: null, Title: title, Status: status, Detail: detail, Instance: randomUUID(), Extensions: {} });
}

export function validationException(elements: unknown[], message = 'A validation exception occurred'): SandboxResponse {
  return jsonResponse(400, { ErrorNumber: 10, Type: 'ValidationException', Message: message, Elements: elements });
}

/** Errors that are not about a document: Xero still uses its ApiException shape (ErrorNumber, Type, Message). */
export function apiException(status: number, errorNumber: number, type: string, message: string): SandboxResponse {
  return jsonResponse(status, { ErrorNumber: errorNumber, Type: type, Message: message });
}

/** RFC 6749 token-endpoint errors. */
export function oauthError(error: string, description?: string, status = 400): SandboxResponse {
  return jsonResponse(status, description ? { error, error_description: description } : { error }, { 'cache-control': 'no-store', pragma: 'no-cache' });
}
