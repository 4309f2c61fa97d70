import { type AddressInfo } from 'node:net';
import { Agent, get, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEEP_ALIVE_TIMEOUT_MS } from '../apps/api/src/create-api-app.js';
import { createTestDatabase, testConfig, type TestDatabase } from '@heqi/testing';
import { startApi, type TestApi } from './support/test-apps.js';

/** The part of an OpenAPI property schema the typing check reads. */
interface SchemaLike {
  type?: string;
  properties?: object;
  allOf?: object[];
  $ref?: string;
  additionalProperties?: unknown;
}

describe('API platform (errors, docs, health, headers)', () => {
  let db: TestDatabase;
  let api: TestApi;

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startApi(testConfig(db.url));
  });

  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  it('GET /health is 200 with both dependencies up and the outbox backlog', async () => {
    const res = await api.http.get('/health').expect(200);
    expect(res.body).toMatchObject({
      status: 'ok',
      postgres: 'up',
      redis: 'up',
      outbox: { pending: 0, oldestPendingSeconds: null },
    });
  });

  it('serves the OpenAPI document at /docs-json and the UI at /docs', async () => {
    const json = await api.http.get('/docs-json').expect(200);
    expect(json.body.openapi).toMatch(/^3\./);
    expect(json.body.info.title).toContain('heqi');
    expect(Object.keys(json.body.paths)).toContain('/health');
    const ui = await api.http.get('/docs').expect(200);
    expect(ui.text).toContain('swagger');
  });

  it('types every property of the OpenAPI document (no bare object standing for a string or number)', async () => {
    // A property declared `string | null` without an explicit type reaches Swagger as `object`:
    // a client generated from the document would then expect a map. Objects either have
    // properties, a schema they refer to, or say that they are free-form.
    const { components } = (await api.http.get('/docs-json').expect(200)).body as {
      components: { schemas: Record<string, { properties?: Record<string, SchemaLike> }> };
    };
    const untyped = Object.entries(components.schemas).flatMap(([schema, { properties }]) =>
      Object.entries(properties ?? {})
        .filter(
          ([, p]) =>
            p.type === 'object' && !p.properties && !p.allOf && !p.$ref && !p.additionalProperties,
        )
        .map(([name]) => `${schema}.${name}`),
    );
    expect(untyped).toEqual([]);
  });

  it('answers an unknown route with the contract error body', async () => {
    const res = await api.http.get('/api/v1/no-such-thing').expect(404);
    expect(res.body).toEqual({ statusCode: 404, error: 'ROUTE_NOT_FOUND', message: '接口不存在' });
  });

  it('answers malformed JSON with 400, never 500', async () => {
    const res = await api.http
      .post('/api/v1/anything')
      .set('content-type', 'application/json')
      .send('{"orderNo": ')
      .expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, error: 'MALFORMED_BODY' });
  });

  it('answers an oversized body with 413', async () => {
    const res = await api.http
      .post('/api/v1/anything')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ blob: 'x'.repeat(11 * 1024 * 1024) }))
      .expect(413);
    expect(res.body).toMatchObject({ statusCode: 413, error: 'PAYLOAD_TOO_LARGE' });
  });

  it('answers an unsupported charset with 415', async () => {
    const res = await api.http
      .post('/api/v1/anything')
      .set('content-type', 'application/json; charset=klingon')
      .send('{}')
      .expect(415);
    expect(res.body).toMatchObject({ statusCode: 415, error: 'UNSUPPORTED_MEDIA_TYPE' });
  });

  it('echoes a sane request id and mints one otherwise', async () => {
    const given = await api.http.get('/health').set('x-request-id', 'abc-123').expect(200);
    expect(given.headers['x-request-id']).toBe('abc-123');
    const minted = await api.http.get('/health').set('x-request-id', 'bad id with spaces');
    expect(minted.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('keeps idle keep-alive connections longer than clients do (no reset on reuse)', async () => {
    const { port } = (api.app.getHttpServer() as Server).address() as AddressInfo;
    const agent = new Agent({ keepAlive: true });
    try {
      const keepAlive = await new Promise<string | undefined>((resolve, reject) =>
        get({ host: '127.0.0.1', port, path: '/health', agent }, (res) => {
          res.resume();
          res.on('end', () => resolve(String(res.headers['keep-alive'])));
        }).on('error', reject),
      );
      // Node announces its idle timeout; its default would be 5 s.
      expect(keepAlive).toBe(`timeout=${KEEP_ALIVE_TIMEOUT_MS / 1000}`);
    } finally {
      agent.destroy();
    }
  });

  it('sends security headers and hides the framework', async () => {
    const res = await api.http.get('/health');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-powered-by']).toBeUndefined();
  });
});
