/**
 * Errors, decided in one place for every face of the app (docs/decisions.md "One error type").
 *
 * A refusal anywhere in the server — a bad field, a missing row, a stale version, a role that may
 * not — is a `DomainError`: HTTP status, stable `code` for clients, a message a person can act on,
 * and optionally the input `field` it is about (or richer `details`). Domains throw it through the
 * small named constructors below (Outline's server/errors.ts is the model); a domain error that
 * carries more (MediaRefused's file name) extends it. `errorAnswer` turns any error into the
 * answer both JSON APIs send (the newsroom API and the Content API differ only where their
 * published v1 contracts do, see ErrorFace), so no route translates errors itself.
 *
 * Only two faults are the operator's rather than a bug: the database being out of reach (503, try
 * again) and a full disk (507). Everything else unknown stays a logged 500. No answer ever carries
 * an unknown error's own text: driver messages hold addresses ("connect ECONNREFUSED 10.0.0.5:5432")
 * and paths.
 */

import type { FastifyReply, FastifyRequest } from 'fastify';
import { isDatabaseUnavailable } from './db/index.js';

/** One entry of an error's detail list: the input it is about (`body.headline`, `cursor`) and why. */
export interface FieldDetail {
  field: string;
  message: string;
}

export interface DomainErrorOptions {
  /** The input the refusal is about; the answer's details name it when none are given. */
  field?: string;
  /** What the client needs besides the message: a list of FieldDetail, or an object (`{ current }`). */
  details?: unknown;
  /** Seconds before trying again (429, 503): sent as Retry-After. */
  retryAfter?: number;
  cause?: unknown;
}

/** A refusal the client can act on: status, stable code, message, optional field or details. */
export class DomainError extends Error {
  readonly field?: string;
  readonly details?: unknown;
  readonly retryAfter?: number;
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    options: DomainErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    if (options.field !== undefined) this.field = options.field;
    if (options.details !== undefined) this.details = options.details;
    if (options.retryAfter !== undefined) this.retryAfter = options.retryAfter;
  }
}

/** The code a refusal known only by its status gets (domain errors that carry a status). */
export function codeForStatus(status: number): string {
  switch (status) {
    case 401:
      return 'unauthenticated';
    case 403:
      return 'forbidden';
    case 404:
      return 'not_found';
    case 409:
      return 'conflict';
    case 413:
      return 'too_large';
    case 415:
      return 'unsupported_media_type';
    case 429:
      return 'rate_limited';
    default:
      return 'invalid_input';
  }
}

// The named constructors. `invalid_input` is a value the client sent that the domain refuses;
// `bad_request` a request that is malformed as a whole (and every 400 of the Content API, whose
// v1 contract has that one code for them).

/** 400 `invalid_input`: a value the domain refuses; `field` names it in the details. */
export const invalidInput = (message: string, field?: string, details?: unknown) =>
  new DomainError(400, 'invalid_input', message, { field, details });
/** 400 `bad_request`: a malformed request (or any Content API 400), with the details naming why. */
export const badRequest = (message: string, details?: FieldDetail[]) =>
  new DomainError(400, 'bad_request', message, { details });
/** 401 `unauthenticated`: the newsroom API wants a session or token. */
export const unauthenticated = (message: string) => new DomainError(401, 'unauthenticated', message);
/** 401 `unauthorized`: the Content API wants a key (its v1 name for the same thing). */
export const unauthorized = (message: string) => new DomainError(401, 'unauthorized', message);
/** 403: the actor may not (`forbidden`), or the request's origin or CSRF token is wrong. */
export const forbidden = (message = 'your role does not allow this', code = 'forbidden') =>
  new DomainError(403, code, message);
/** 404 `not_found`. */
export const notFound = (message: string, details?: FieldDetail[]) =>
  new DomainError(404, 'not_found', message, { details });
/** 409 `conflict`: a clash with what is stored (a slug in use, a stale version). */
export const conflict = (message: string, details?: unknown) =>
  new DomainError(409, 'conflict', message, { details });
/** 413 `too_large`. */
export const tooLarge = (message: string) => new DomainError(413, 'too_large', message);
/** 415 `unsupported_media_type`. */
export const unsupportedMediaType = (message: string) =>
  new DomainError(415, 'unsupported_media_type', message);
/** 429: too many requests or attempts; `retryAfter` seconds goes out as Retry-After. */
export const rateLimited = (message: string, retryAfter?: number, code = 'rate_limited') =>
  new DomainError(429, code, message, { retryAfter });

/**
 * Which API is answering. Both send `{ "error": { code, message, details } }`; the Content API's
 * v1 contract (docs/api.md) adds three promises the newsroom API never made: `details` is always
 * a list (empty when there is nothing to name), each detail repeats `field` under its v1 name
 * `path`, and a request the framework refuses (malformed, too large) is a plain 400 that never
 * repeats the framework's message. A 401 there names the scheme (WWW-Authenticate).
 */
export type ErrorFace = 'newsroom' | 'content';

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

export interface ErrorAnswer {
  status: number;
  headers: Record<string, string>;
  body: ErrorBody;
  /** Set for 5xx answers: what the operator's log should say (logServerError). */
  fault?: { err: unknown; fault: ServerFault | null };
}

/** The answer an error gets from an API: the one mapping from errors to HTTP. */
export function errorAnswer(err: unknown, face: ErrorFace): ErrorAnswer {
  if (err instanceof DomainError) {
    const headers: Record<string, string> = {};
    if (err.retryAfter) headers['retry-after'] = String(err.retryAfter);
    if (face === 'content' && err.status === 401) headers['www-authenticate'] = 'Bearer realm="content-api"';
    const details = err.details ?? (err.field ? [{ field: err.field, message: err.message }] : undefined);
    return { status: err.status, headers, body: errorBody(face, err.code, err.message, details) };
  }
  // Fastify's own refusals (malformed JSON, a body over the limit, a wrong content type).
  const status = (err as { statusCode?: unknown } | null)?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    if (face === 'content')
      return { status: 400, headers: {}, body: errorBody(face, 'bad_request', 'Bad request') };
    const code = status === 413 ? 'too_large' : status === 415 ? 'unsupported_media_type' : 'bad_request';
    return { status, headers: {}, body: errorBody(face, code, (err as Error).message) };
  }
  const fault = serverFault(err);
  if (!fault) {
    const message = face === 'content' ? 'Internal error' : 'internal error';
    return { status: 500, headers: {}, body: errorBody(face, 'internal', message), fault: { err, fault } };
  }
  const headers: Record<string, string> =
    fault.status === 503 ? { 'retry-after': String(fault.retryAfter) } : {};
  return {
    status: fault.status,
    headers,
    body: errorBody(face, fault.code, fault.message),
    fault: { err, fault },
  };
}

function errorBody(face: ErrorFace, code: string, message: string, details?: unknown): ErrorBody {
  if (face === 'newsroom') return { error: { code, message, ...(details === undefined ? {} : { details }) } };
  const list = Array.isArray(details) ? details : [];
  return {
    error: {
      code,
      message,
      details: list.map((d: Partial<FieldDetail>) => ({ field: d.field, path: d.field, message: d.message })),
    },
  };
}

/** Sends the answer for an error (the APIs' error handlers), logging server faults once. */
export function sendError(err: unknown, req: FastifyRequest, reply: FastifyReply, face: ErrorFace) {
  const answer = errorAnswer(err, face);
  if (answer.fault) logServerError(req.log, answer.fault.err, answer.fault.fault);
  for (const [name, value] of Object.entries(answer.headers)) reply.header(name, value);
  return reply.code(answer.status).type('application/json; charset=utf-8').send(answer.body);
}

// Which errors mean "the database is out of reach" is decided once, next to the drivers, in
// src/db/unavailable.ts; re-exported so callers deciding an answer need only this module.
export { isDatabaseUnavailable };

/** Seconds a client should wait before retrying while the database is away. */
export const RETRY_AFTER_SECONDS = 5;

// ENOSPC/EDQUOT from the file system, SQLITE_FULL from SQLite, 53100 (disk_full) from PostgreSQL.
const DISK_FULL_CODES = new Set(['ENOSPC', 'EDQUOT', 'SQLITE_FULL', '53100']);

export type ServerFault =
  | { status: 503; code: 'unavailable'; message: string; retryAfter: number }
  | { status: 507; code: 'insufficient_storage'; message: string; path?: string };

/** The error and what caused it (`cause`, and each error of an AggregateError), depth-bounded. */
function* chain(err: unknown, depth = 0): Generator<{ code?: unknown; message?: unknown; path?: unknown }> {
  if (!err || typeof err !== 'object' || depth > 5) return;
  yield err as { code?: unknown; message?: unknown };
  const e = err as { cause?: unknown; errors?: unknown };
  if (e.cause) yield* chain(e.cause, depth + 1);
  if (Array.isArray(e.errors)) for (const inner of e.errors) yield* chain(inner, depth + 1);
}

/** The file or database that ran out of space, when the error says so. */
export function diskFull(err: unknown): { path?: string } | null {
  for (const e of chain(err)) {
    if (typeof e.code === 'string' && DISK_FULL_CODES.has(e.code)) {
      return typeof e.path === 'string' ? { path: e.path } : {};
    }
  }
  return null;
}

/** A 503 or 507 for the operator's faults; null for anything else (a 500, a bug). */
export function serverFault(err: unknown): ServerFault | null {
  if (diskFull(err)) {
    return {
      status: 507,
      code: 'insufficient_storage',
      message: 'the server has run out of disk space: nothing was saved; tell the site operator',
      ...diskFull(err),
    };
  }
  if (isDatabaseUnavailable(err)) {
    return {
      status: 503,
      code: 'unavailable',
      message: 'the database is temporarily unavailable: nothing was changed; try again shortly',
      retryAfter: RETRY_AFTER_SECONDS,
    };
  }
  return null;
}

interface Logger {
  error(obj: unknown, msg?: string): void;
  warn(obj: unknown, msg?: string): void;
}

/**
 * Logs a server-side failure once, for the operator: outages and full disks as one line naming
 * the cause (and the path that could not be written), anything else with its stack.
 */
export function logServerError(log: Logger, err: unknown, fault: ServerFault | null): void {
  if (!fault) {
    log.error(err);
    return;
  }
  const message = err instanceof Error ? err.message : String(err);
  if (fault.status === 507) log.error({ path: fault.path, err: message }, 'disk full');
  else log.error({ err: message }, 'database unavailable');
}
