import { z } from 'zod';
import type { Config } from '../../config.js';
import {
  articleListSchema,
  articleQuery,
  articleResponseSchema,
  articleSchema,
  authorSchema,
  authorsResponseSchema,
  errorSchema,
  idParam,
  imageSchema,
  listArticlesQuery,
  listQuery,
  listResponseSchema,
  listSlugParam,
  listTagsQuery,
  sectionSchema,
  sectionsResponseSchema,
  slugParam,
  tagListSchema,
} from './schema.js';

/**
 * The route table of the Content API and the OpenAPI 3.1 document generated from it. Routes are
 * registered from this same table (routes.ts), so the document cannot forget one.
 */
export const API_PREFIX = '/api/content/v1';

export type RouteId =
  | 'listArticles'
  | 'getArticle'
  | 'getArticleBySlug'
  | 'listSections'
  | 'listTags'
  | 'listAuthors'
  | 'getList';

export interface RouteSpec {
  id: RouteId;
  /** OpenAPI path under the prefix, `{param}` style. */
  path: string;
  summary: string;
  params?: z.ZodObject;
  query?: z.ZodObject;
  response: z.ZodType;
  /** Also answers `format=ninjs` with an IPTC ninjs document. */
  ninjs?: boolean;
}

export const API_ROUTES: RouteSpec[] = [
  {
    id: 'listArticles',
    path: '/articles',
    summary: 'Public stories, newest first (or oldest change first with updated_since), cursor-paginated',
    query: listArticlesQuery,
    response: articleListSchema,
  },
  {
    id: 'getArticle',
    path: '/articles/{id}',
    summary: 'One public story by id (format=ninjs for IPTC ninjs 2.1)',
    params: idParam,
    query: articleQuery,
    response: articleResponseSchema,
    ninjs: true,
  },
  {
    id: 'getArticleBySlug',
    path: '/articles/by-slug/{slug}',
    summary: 'The newest public story with this slug (format=ninjs for IPTC ninjs 2.1)',
    params: slugParam,
    query: articleQuery,
    response: articleResponseSchema,
    ninjs: true,
  },
  { id: 'listSections', path: '/sections', summary: 'The section tree', response: sectionsResponseSchema },
  {
    id: 'listTags',
    path: '/tags',
    summary: 'Tags on public stories, by slug, cursor-paginated',
    query: listTagsQuery,
    response: tagListSchema,
  },
  {
    id: 'listAuthors',
    path: '/authors',
    summary: 'Authors of public stories, by name',
    response: authorsResponseSchema,
  },
  {
    id: 'getList',
    path: '/lists/{slug}',
    summary:
      "A curated front's list as readers see it now (home-top, section-12-latest, or a list the newsroom named)",
    params: listSlugParam,
    query: listQuery,
    response: listResponseSchema,
  },
];

type JsonSchema = Record<string, unknown>;

function componentSchemas(): Record<string, JsonSchema> {
  const reg = z.registry<{ id: string }>();
  reg.add(articleSchema, { id: 'Article' });
  reg.add(imageSchema, { id: 'Image' });
  reg.add(sectionSchema, { id: 'Section' });
  reg.add(authorSchema, { id: 'Author' });
  reg.add(errorSchema, { id: 'Error' });
  for (const r of API_ROUTES)
    reg.add(r.response, { id: `${r.id[0]?.toUpperCase()}${r.id.slice(1)}Response` });
  const { schemas } = z.toJSONSchema(reg, { uri: (id) => `#/components/schemas/${id}` }) as {
    schemas: Record<string, JsonSchema>;
  };
  for (const s of Object.values(schemas)) {
    delete s.$schema;
    delete s.$id;
  }
  return schemas;
}

function parameters(where: 'path' | 'query', obj: z.ZodObject | undefined) {
  if (!obj) return [];
  const schema = z.toJSONSchema(obj, { io: 'input' }) as {
    properties?: Record<string, JsonSchema>;
    required?: string[];
  };
  return Object.entries(schema.properties ?? {}).map(([name, s]) => {
    const { description, ...rest } = s;
    return {
      name,
      in: where,
      required: where === 'path' || (schema.required ?? []).includes(name),
      ...(description ? { description } : {}),
      schema: rest,
    };
  });
}

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

export function openApiDocument(site: Config['site'], publicAccess: boolean): JsonSchema {
  const paths: Record<string, JsonSchema> = {};
  for (const r of API_ROUTES) {
    const name = `${r.id[0]?.toUpperCase()}${r.id.slice(1)}Response`;
    const content: JsonSchema = { 'application/json': { schema: { $ref: `#/components/schemas/${name}` } } };
    paths[r.path] = {
      get: {
        operationId: r.id,
        summary: r.summary,
        parameters: [...parameters('path', r.params), ...parameters('query', r.query)],
        responses: {
          '200': {
            description: r.ninjs ? 'The story (JSON), or with format=ninjs an IPTC ninjs 2.1 document' : 'OK',
            content,
          },
          '304': { description: 'Not modified (If-None-Match matched the ETag)' },
          '400': errorResponse('Invalid parameters'),
          '401': errorResponse('Missing, unknown or revoked API key'),
          ...(r.params || r.query?.shape.section ? { '404': errorResponse('No such resource') } : {}),
          '429': errorResponse('Rate limit exceeded; see Retry-After'),
        },
      },
    };
  }
  paths['/openapi.json'] = {
    get: {
      operationId: 'openApi',
      summary: 'This document',
      security: [],
      responses: { '200': { description: 'OpenAPI 3.1 document', content: { 'application/json': {} } } },
    },
  };
  return {
    openapi: '3.1.0',
    info: {
      title: `${site.name} Content API`,
      version: '1.0.0',
      description:
        'Read-only JSON for apps and partners. Only public stories are ever returned. See docs/api.md. ' +
        'Search (GET /search) is documented separately by the search module.',
    },
    servers: [{ url: `${site.url}${API_PREFIX}` }],
    // An empty requirement means a key is optional (CONTENT_API_PUBLIC=true).
    security: [...(publicAccess ? [{}] : []), { bearer: [] }, { apiKey: [] }],
    paths,
    components: {
      schemas: componentSchemas(),
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'Authorization: Bearer <key>' },
        apiKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key' },
      },
    },
  };
}
