import { describe, expect, it } from 'vitest';
import { diskFull, isDatabaseUnavailable, serverFault } from './errors.js';

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
