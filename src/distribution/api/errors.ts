import type { FastifyReply } from 'fastify';
import type { z } from 'zod';

/**
 * Every Content API error is `{ "error": { "code", "message", "details" } }` with a 4xx status
 * (503 while the database is away, 507 on a full disk, 500 for our own faults). Messages never repeat the caller's input, so nothing user-supplied
 * comes back unescaped.
 */
export type ErrorCode =
  | 'bad_request'
  | 'unauthorized'
  | 'not_found'
  | 'rate_limited'
  | 'internal'
  | 'unavailable'
  | 'insufficient_storage';

export interface ErrorDetail {
  path: string;
  message: string;
}

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  not_found: 404,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
  insufficient_storage: 507,
};

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
  }
  get status(): number {
    return STATUS[this.code];
  }
}

export function sendError(reply: FastifyReply, err: ApiError) {
  return reply
    .code(err.status)
    .type('application/json; charset=utf-8')
    .send({ error: { code: err.code, message: err.message, details: err.details } });
}

/** Parses request input, turning zod issues into a 400 that names each bad parameter. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what = 'query'): z.output<S> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  throw new ApiError(
    'bad_request',
    `Invalid ${what} parameters`,
    result.error.issues.map((i) => ({
      // Unknown parameter names are the caller's text: named only when plainly a name.
      path:
        i.path.join('.') ||
        (i.code === 'unrecognized_keys'
          ? i.keys.map((k) => (/^[\w.-]{1,40}$/.test(k) ? k : '(unnamed)')).join(',')
          : ''),
      message: i.code === 'unrecognized_keys' ? 'unknown parameter' : i.message,
    })),
  );
}
