import { describe, expect, it } from 'vitest';
import { ContentError } from './content/errors.js';
import {
  badRequest,
  conflict,
  DomainError,
  diskFull,
  errorAnswer,
  forbidden,
  invalidInput,
  isDatabaseUnavailable,
  notFound,
  rateLimited,
  serverFault,
  unauthorized,
} from './errors.js';

const coded = (code: string, message = code, extra: object = {}) =>
  Object.assign(new Error(message), { code }, extra);

describe('server faults', () => {
  it('recognises a database out of reach, however the driver words it', () => {
    for (const err of [
      coded('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5499'),
      coded('ECONNRESET'),
      coded('ETIMEDOUT'),
      coded('57P01', 'terminating connection due to administrator command'),
      coded('57014', 'canceling statement due to statement timeout'),
      coded('SQLITE_BUSY', 'database is locked'),
      new Error('Connection terminated unexpectedly'),
      new Error('timeout exceeded when trying to connect'),
      new AggregateError([coded('ECONNREFUSED')], ''),
      new Error('query failed', { cause: coded('ECONNRESET') }),
    ]) {
      expect(isDatabaseUnavailable(err), String(err)).toBe(true);
      expect(serverFault(err)).toMatchObject({ status: 503, retryAfter: 5 });
      expect(serverFault(err)?.message).not.toMatch(/127|ECONN|SQLITE/);
    }
  });

  it('recognises a full disk and keeps the path for the log, not the answer', () => {
    const err = coded('ENOSPC', "ENOSPC: no space left on device, write '/srv/media/tmp/x.upload'", {
      path: '/srv/media/tmp/x.upload',
    });
    expect(diskFull(err)).toEqual({ path: '/srv/media/tmp/x.upload' });
    const fault = serverFault(err);
    expect(fault).toMatchObject({
      status: 507,
      code: 'insufficient_storage',
      path: '/srv/media/tmp/x.upload',
    });
    expect(fault?.message).toContain('disk');
    expect(fault?.message).not.toContain('/srv');
    expect(serverFault(coded('SQLITE_FULL', 'database or disk is full'))?.status).toBe(507);
    expect(serverFault(coded('53100', 'could not extend file'))?.status).toBe(507);
  });

  it('leaves every other error a 500', () => {
    for (const err of [new Error('boom'), coded('23505', 'duplicate key'), coded('ENOENT'), null, 'text']) {
      expect(serverFault(err)).toBeNull();
    }
  });
});

describe('the one mapping from errors to answers', () => {
  it('answers a domain refusal (4xx) with its status, code and message, naming the field', () => {
    for (const face of ['newsroom', 'content'] as const) {
      const a = errorAnswer(invalidInput('slug: is already a section', 'slug'), face);
      expect(a.status).toBe(400);
      expect(a.body.error).toMatchObject({
        code: 'invalid_input',
        message: 'slug: is already a section',
        details: [{ field: 'slug', message: 'slug: is already a section' }],
      });
      expect(a.fault).toBeUndefined();
    }
    expect(errorAnswer(notFound('tag 9 not found'), 'newsroom')).toEqual({
      status: 404,
      headers: {},
      body: { error: { code: 'not_found', message: 'tag 9 not found' } },
    });
    const stale = errorAnswer(conflict('article 3 has changed', { current: { id: 3 } }), 'newsroom');
    expect(stale).toMatchObject({
      status: 409,
      body: { error: { code: 'conflict', details: { current: { id: 3 } } } },
    });
    expect(errorAnswer(forbidden(), 'newsroom').status).toBe(403);
    const limited = errorAnswer(rateLimited('slow down', 30, 'too_many_attempts'), 'newsroom');
    expect(limited).toMatchObject({ status: 429, headers: { 'retry-after': '30' } });
    expect(limited.body.error.code).toBe('too_many_attempts');
  });

  it('keeps the Content API v1 promises: details always a list, each also under `path`; 401 names the scheme', () => {
    const bad = errorAnswer(
      badRequest('Invalid cursor', [{ field: 'cursor', message: 'not a cursor' }]),
      'content',
    );
    expect(bad.body.error.details).toEqual([{ field: 'cursor', path: 'cursor', message: 'not a cursor' }]);
    expect(errorAnswer(notFound('No such article'), 'content').body.error.details).toEqual([]);
    const key = errorAnswer(unauthorized('An API key is required'), 'content');
    expect(key).toMatchObject({ status: 401, headers: { 'www-authenticate': 'Bearer realm="content-api"' } });
    // An object of details (a newsroom conflict's story) never leaks into the Content API's list.
    expect(errorAnswer(conflict('x', { current: {} }), 'content').body.error.details).toEqual([]);
  });

  it('answers what the framework refuses (4xx) by status, hiding its text from the Content API', () => {
    const tooBig = Object.assign(new Error('Request body is too large'), { statusCode: 413 });
    expect(errorAnswer(tooBig, 'newsroom')).toMatchObject({
      status: 413,
      body: { error: { code: 'too_large', message: 'Request body is too large' } },
    });
    const malformed = Object.assign(new Error('Unexpected token } in JSON'), { statusCode: 400 });
    expect(errorAnswer(malformed, 'newsroom').body.error.code).toBe('bad_request');
    expect(errorAnswer(malformed, 'content')).toEqual({
      status: 400,
      headers: {},
      body: { error: { code: 'bad_request', message: 'Bad request', details: [] } },
    });
  });

  it('answers anything else (5xx) without its text, and hands it to the log', () => {
    const bug = new Error('cannot read x of undefined at /srv/app/src/x.ts');
    for (const face of ['newsroom', 'content'] as const) {
      const a = errorAnswer(bug, face);
      expect(a.status).toBe(500);
      expect(a.body.error.code).toBe('internal');
      expect(JSON.stringify(a.body)).not.toContain('/srv');
      expect(a.fault).toEqual({ err: bug, fault: null });
    }
    const away = errorAnswer(coded('ECONNREFUSED', 'connect ECONNREFUSED 10.0.0.5:5432'), 'newsroom');
    expect(away).toMatchObject({ status: 503, headers: { 'retry-after': '5' } });
    expect(away.body.error.code).toBe('unavailable');
    expect(JSON.stringify(away.body)).not.toContain('10.0.0.5');
    const full = errorAnswer(coded('ENOSPC', 'no space', { path: '/srv/media/x' }), 'content');
    expect(full.status).toBe(507);
    expect(JSON.stringify(full.body)).not.toContain('/srv');
  });

  it('gives the domains’ own error classes the base’s answer', () => {
    const e = new ContentError('section 4 does not exist', 404);
    expect(e).toBeInstanceOf(DomainError);
    expect(errorAnswer(e, 'newsroom').body.error).toEqual({
      code: 'not_found',
      message: 'section 4 does not exist',
    });
    expect(errorAnswer(new ContentError('article 1 has changed', 409), 'newsroom').body.error.code).toBe(
      'conflict',
    );
  });
});
