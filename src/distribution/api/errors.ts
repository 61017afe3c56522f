import type { z } from 'zod';
import { badRequest, type FieldDetail } from '../../errors.js';

/**
 * The Content API's errors are DomainErrors (src/errors.ts), answered by the one mapping there
 * with the API's v1 promises (`details` always a list, each naming the parameter as `field` and
 * `path`). Messages never repeat the caller's input, so nothing user-supplied comes back
 * unescaped. What stays here is the API's reading of zod issues.
 */

/** A 400 naming one parameter. */
export const badParameter = (message: string, field: string, why: string) =>
  badRequest(message, [{ field, message: why }]);

/** Parses request input, turning zod issues into a 400 that names each bad parameter. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what = 'query'): z.output<S> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  throw badRequest(
    `Invalid ${what} parameters`,
    result.error.issues.map(
      (i): FieldDetail => ({
        // Unknown parameter names are the caller's text: named only when plainly a name.
        field:
          i.path.join('.') ||
          (i.code === 'unrecognized_keys'
            ? i.keys.map((k) => (/^[\w.-]{1,40}$/.test(k) ? k : '(unnamed)')).join(',')
            : ''),
        message: i.code === 'unrecognized_keys' ? 'unknown parameter' : i.message,
      }),
    ),
  );
}
