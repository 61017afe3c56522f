import { z } from 'zod';
import type { Context } from '../context.js';
import type { RouteSpec } from './http.js';

/** OpenAPI 3.1 built from the same zod schemas that validate the requests. */
export function openApiDocument(ctx: Context, specs: RouteSpec<unknown, unknown, unknown>[], prefix: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const spec of specs) {
    const path = prefix + spec.url.replace(/:([A-Za-z]+)/g, '{$1}');
    const parameters = [...objectParams(spec.params, 'path'), ...objectParams(spec.query, 'query')];
    const op: Record<string, unknown> = {
      tags: [spec.tag],
      summary: spec.summary,
      ...(parameters.length ? { parameters } : {}),
      ...(spec.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: jsonSchema(spec.body) } },
            },
          }
        : {}),
      ...(spec.multipartFields ? { requestBody: multipartBody(spec.multipartFields) } : {}),
      responses: {
        [String(spec.status ?? 200)]: { description: 'Success' },
        '4XX': {
          description: 'Refused',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        },
      },
      ...(spec.public ? { security: [] } : {}),
    };
    paths[path] = { ...(paths[path] ?? {}), [spec.method.toLowerCase()]: op };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: `${ctx.config.site.name} newsroom API`,
      version: '1',
      description:
        'The Masthead newsroom API. Sign in with POST /session (cookie + X-CSRF-Token header on writes) or send a personal token as `Authorization: Bearer mh_…`.',
    },
    servers: [{ url: ctx.config.site.url }],
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'masthead_session' },
        token: { type: 'http', scheme: 'bearer' },
      },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} },
            },
          },
        },
      },
    },
    security: [{ session: [] }, { token: [] }],
    paths,
  };
}

function jsonSchema(schema: z.ZodType): unknown {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
}

/** Files under `file` (one or more), plus the route's text fields. */
function multipartBody(fields: z.ZodType) {
  const json = jsonSchema(fields) as { properties?: Record<string, unknown> };
  const file = { type: 'string', format: 'binary' };
  return {
    required: true,
    content: {
      'multipart/form-data': {
        schema: {
          type: 'object',
          required: ['file'],
          properties: { file: { anyOf: [file, { type: 'array', items: file }] }, ...json.properties },
        },
      },
    },
  };
}

function objectParams(schema: z.ZodType | undefined, where: 'path' | 'query') {
  if (!schema) return [];
  const json = jsonSchema(schema) as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    schema: s,
  }));
}
