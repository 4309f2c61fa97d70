import { describe, expect, it } from 'vitest';
import { redisOptions } from './redis-connection.js';

describe('redisOptions', () => {
  it('reads host and port, defaulting to db 0 and no credentials or TLS', () => {
    expect(redisOptions('redis://127.0.0.1:6379', 'client')).toMatchObject({
      host: '127.0.0.1',
      port: 6379,
      db: 0,
      username: undefined,
      password: undefined,
      tls: undefined,
      connectTimeout: 2_000,
    });
  });

  it('defaults the port to 6379', () => {
    expect(redisOptions('redis://cache.internal', 'client')).toMatchObject({
      host: 'cache.internal',
      port: 6379,
    });
  });

  it.each([
    ['redis://cache/2', 2],
    ['redis://cache:6380/15', 15],
    ['redis://cache/', 0],
  ])('%s → db %i', (url, db) => {
    expect(redisOptions(url, 'client').db).toBe(db);
  });

  it('reads a password without a user (Redis before ACLs)', () => {
    expect(redisOptions('redis://:s3cret@cache:6380', 'client')).toMatchObject({
      username: undefined,
      password: 's3cret',
      port: 6380,
    });
  });

  it('reads an ACL user and password, percent-decoded', () => {
    expect(redisOptions('redis://heqi%2Dapp:p%40ss%3Aw%2Frd@cache:6379/1', 'worker')).toMatchObject(
      { username: 'heqi-app', password: 'p@ss:w/rd', db: 1 },
    );
  });

  it('turns TLS on for rediss://', () => {
    expect(redisOptions('rediss://cache.example.com:6380', 'client')).toMatchObject({
      host: 'cache.example.com',
      port: 6380,
      tls: {},
    });
    expect(redisOptions('redis://cache.example.com', 'client').tls).toBeUndefined();
  });

  it('reconnects for ever, backing off to at most 2 s', () => {
    const { retryStrategy } = redisOptions('redis://cache', 'client');
    expect([1, 5, 19, 20, 21, 1_000].map(retryStrategy)).toEqual([
      100, 500, 1_900, 2_000, 2_000, 2_000,
    ]);
  });

  describe('roles', () => {
    const url = 'redis://:pw@cache:6380/3';

    it('lets worker connections wait for Redis, as BullMQ requires of blocking connections', () => {
      const worker = redisOptions(url, 'worker');
      expect(worker.maxRetriesPerRequest).toBeNull();
      // Left at ioredis' default (true): commands queue while reconnecting.
      expect(worker).not.toHaveProperty('enableOfflineQueue');
    });

    it('makes client connections fail fast while Redis is down', () => {
      expect(redisOptions(url, 'client')).toMatchObject({
        maxRetriesPerRequest: 1,
        enableOfflineQueue: false,
      });
    });

    it('differs only in those two settings', () => {
      const strip = ({
        maxRetriesPerRequest: _retries,
        enableOfflineQueue: _offline,
        retryStrategy: _strategy,
        ...rest
      }: ReturnType<typeof redisOptions>) => rest;
      expect(strip(redisOptions(url, 'worker'))).toEqual(strip(redisOptions(url, 'client')));
    });
  });
});
