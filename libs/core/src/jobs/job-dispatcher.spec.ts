import { describe, expect, it } from 'vitest';
import { isConnectionError } from './job-dispatcher.js';

describe('isConnectionError', () => {
  it.each([
    [{ code: 'ECONNREFUSED' }],
    [{ code: '57P01', message: 'terminating connection due to administrator command' }],
    [{ code: '08006' }],
    [{ name: 'QueryRunnerProviderAlreadyReleasedError' }],
    [new Error('Connection terminated unexpectedly')],
    [new Error('timeout exceeded when trying to connect')],
  ])('treats %o as Postgres being away', (err) => {
    expect(isConnectionError(err)).toBe(true);
  });

  it.each([
    [new Error('boom')],
    [{ code: '23505', message: 'duplicate key value violates unique constraint' }],
    [{ code: '22P02' }],
    [null],
    ['a string'],
  ])('treats %o as a real failure of the job', (err) => {
    expect(isConnectionError(err)).toBe(false);
  });
});
