import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodType } from 'zod';
import { type Action, type Actor, can, type Subject } from '../accounts/index.js';
import type { Editor } from '../content/index.js';
import type { Context } from '../context.js';
import type { UserRow } from '../db/index.js';
import { forbidden, invalidInput } from '../errors.js';
import { slugInput } from '../shared/inputs.js';

/**
 * How admin routes are declared: method, path, zod schemas for params/query/body, and a
 * handler. One declaration validates the request (a 400 naming the field), documents the route
 * in the OpenAPI file, and keeps handlers free of parsing. Handlers throw DomainErrors (src/errors.ts);
 * the API's error handler (admin/index.ts) answers them through the one mapping there.
 */
export interface AuthedActor extends Actor {
  user: UserRow;
  via: 'session' | 'token';
  /** For audit entries and revisions: "user:12". */
  label: string;
}

/** The actor as the content commands name them, with the newsroom's time zone and clock. */
export function editorOf(ctx: Context, actor: AuthedActor): Editor {
  return {
    id: actor.id,
    email: actor.user.email,
    label: actor.label,
    timeZone: ctx.config.site.timeZone,
    now: ctx.now().toISOString(),
  };
}

export interface RouteInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  actor: AuthedActor;
  req: FastifyRequest;
  reply: FastifyReply;
}

export interface RouteSpec<P = unknown, Q = unknown, B = unknown> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  tag: string;
  summary: string;
  /** Routes that work without a signed-in user (sign-in itself, password reset). */
  public?: boolean;
  params?: ZodType<P>;
  query?: ZodType<Q>;
  body?: ZodType<B>;
  /** A multipart/form-data route: its text fields, for the OpenAPI document (the handler reads the parts). */
  multipartFields?: ZodType;
  /** Status of a successful answer (200 unless said). */
  status?: number;
  handler(input: RouteInput<P, Q, B>): Promise<unknown>;
}

/** Refuse unless the policy allows the actor this action on this subject. */
export function authorize(actor: AuthedActor, action: Action, subject?: Subject): void {
  if (!can(actor, action, subject)) throw forbidden(`your role (${actor.role}) does not allow ${action}`);
}

/** `{ id }` of a route about one row: the same rule as the Content API's (lib/ids.ts). */
export { idParams } from '../lib/ids.js';

/** A section, tag or author slug as the site's addresses use it. */
/** A slug in a request body (shared/inputs.ts). */
export const slugBody = slugInput;

/** Collects an app's admin routes as they are declared, for the OpenAPI document. */
export class Router {
  readonly specs: RouteSpec<unknown, unknown, unknown>[] = [];
  constructor(private readonly app: FastifyInstance) {}
  add<P, Q, B>(spec: RouteSpec<P, Q, B>): void {
    // The handler's input types vary by route; the document only reads the schemas.
    this.specs.push(spec as unknown as RouteSpec<unknown, unknown, unknown>);
    route(this.app, spec);
  }
}

function route<P, Q, B>(app: FastifyInstance, spec: RouteSpec<P, Q, B>): void {
  app.route({
    method: spec.method,
    url: spec.url,
    config: { public: spec.public === true },
    handler: async (req, reply) => {
      const params = parse(spec.params, req.params, 'params');
      const query = parse(spec.query, req.query ?? {}, 'query');
      const body = parse(spec.body, req.body ?? {}, 'body');
      const actor = (req as FastifyRequest & { actor?: AuthedActor }).actor as AuthedActor;
      const result = await spec.handler({ params, query, body, actor, req, reply });
      if (reply.sent) return reply;
      reply.code(spec.status ?? 200);
      return result ?? null;
    },
  });
}

function parse<T>(schema: ZodType<T> | undefined, value: unknown, where: string): T {
  if (!schema) return undefined as T;
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const details = r.error.issues.map((i) => ({ field: [where, ...i.path].join('.'), message: i.message }));
  throw invalidInput(`${details[0]?.field}: ${details[0]?.message}`, undefined, details);
}
