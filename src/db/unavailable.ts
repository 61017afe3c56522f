/**
 * Whether an error means the database cannot be reached right now (refused, cut, frozen, timed
 * out, starting or shutting down) rather than that the query or the data is wrong. The first
 * kind is the operator's outage: callers answer 503 and try again later; the second is a bug.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  const seen = new Set<unknown>();
  const visit = (e: unknown): boolean => {
    if (!e || typeof e !== 'object' || seen.has(e)) return false;
    seen.add(e);
    const { code, message, cause, errors } = e as {
      code?: unknown;
      message?: unknown;
      cause?: unknown;
      errors?: unknown;
    };
    if (
      typeof code === 'string' &&
      (SOCKET_CODES.has(code) || SQLSTATE_UNAVAILABLE.test(code) || code === 'SQLITE_BUSY')
    )
      return true;
    if (typeof message === 'string' && DRIVER_MESSAGES.test(message)) return true;
    // Node's connection attempts to several addresses fail as one AggregateError.
    if (Array.isArray(errors) && errors.some(visit)) return true;
    return visit(cause);
  };
  return visit(err);
}

/** Socket failures reaching the server, as Node reports them. */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * PostgreSQL SQLSTATEs of an unreachable server: class 08 (connection exception), 57P01–57P05
 * (terminated by an administrator, crash or idle timeout; server starting up), 57014 (statement
 * timeout), 53300 (too many connections).
 */
const SQLSTATE_UNAVAILABLE = /^(08...|57P0[1-5]|57014|53300)$/;

/** What node-postgres, its pool and Kysely say when a connection dies or never comes. */
const DRIVER_MESSAGES =
  /connection terminated|connection timeout|timeout exceeded when trying to connect|query read timeout|is not queryable|client has encountered a connection error|postgres connection has been discarded|cannot use a pool after calling end/i;
