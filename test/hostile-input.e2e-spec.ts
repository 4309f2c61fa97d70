import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import type { Response } from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  type HotlineKey,
  signedHeaders,
  testConfig,
  type TestDatabase,
} from '@heqi/testing';
import { buildNetwork, createCase, creditCode } from './support/assignment-world.js';
import { bearer, createUser, loginAsAdmin } from './support/auth.js';
import { startApi, startWorker, type TestApi } from './support/test-apps.js';

/** The part of an OpenAPI 3 document this spec reads. */
interface Schema {
  type?: string;
  format?: string;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  maxLength?: number;
  $ref?: string;
  allOf?: Schema[];
}
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  security?: unknown[];
}
interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
const METHODS: readonly Method[] = ['get', 'post', 'put', 'patch', 'delete'];

/** One hostile request and what its answer must look like. */
interface Probe {
  /** What was hostile about it, for the failure list. */
  input: string;
  url: string;
  /** `null`: no Authorization header. */
  token: string | null;
  headers?: Record<string, string>;
  body?: { type: string; text: string };
  /** Signed as the 12345 platform signs, so that the body is read past the signature check. */
  signed?: boolean;
  /** Input the operation cannot take: a 2xx or 3xx is a failure too, not only a 5xx. */
  mustReject: boolean;
  /**
   * The field to blame: a 400 must name it in `details` (`claimants.0.name` names `claimants`)
   * whenever the same request without it is accepted — else another field (a required one
   * left out) may be the whole reason, and the value itself may be fine (a number for money).
   */
  field?: { name: string; baseline: 'query' | 'body' };
}

const KB100 = 'x'.repeat(100 * 1024);
/** Long enough to hurt, short enough for Node's 16 KB request-line-plus-headers limit. */
const LONG = 'x'.repeat(4000);
const DEPTH = 2000;
const deepJson = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
const deepValue = (depth: number): unknown => JSON.parse(deepJson(depth));
const EDGE_NUMBERS = [-1, 0.5, 2 ** 31, 1e308];
const EDGE_DATES = [
  '2026-13-45',
  '2026-02-30',
  '0000-01-01',
  '0001-01-01T00:00:00Z',
  '9999-12-31T23:59:59+08:00',
  '+275760-09-13T00:00:00Z',
];
const PROTO_BODY =
  '{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}';

/** Path parameters that are not ids: a value of the right shape, so the body still gets read. */
const SAMPLE_PARAMS: Record<string, string> = { date: '2026-10-08', year: '2026' };

/**
 * Every operation of the HTTP API, read from the Swagger document it serves (so a new endpoint is
 * covered without touching this file), gets hostile input as the deployment-wide admin and with
 * no token: bad path parameters, bodies of the wrong shape, type and size, prototype keys, broken
 * JSON, other content types, empty multipart uploads, and hostile query strings and headers.
 * The rule: never a 5xx; every 400 in the contract's shape, naming the fields to blame. All
 * failures are collected and reported in one assertion, so one run lists them all.
 *
 * Nothing is skipped. The signed 12345 push endpoints (those declaring `X-Hotline-Signature`)
 * answer an unsigned request with 401 before reading the body — a 4xx like any other — so their
 * hostile requests are signed with a configured key to reach the body too. `POST /auth/logout`
 * ends the session it is called with, so it gets a fresh admin session per request.
 */
describe('hostile input (every operation of the Swagger document)', () => {
  let db: TestDatabase;
  let api: TestApi;
  let worker: INestApplicationContext;
  let adminToken: string;
  let doc: OpenApiDocument;
  const hotlineKey: HotlineKey = {
    keyId: 'hostile-12345',
    secret: 'hostile-hotline-secret-0123456789',
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    const config = testConfig(db.url, {
      HEQI_HOTLINE_KEYS: `${hotlineKey.keyId}:${hotlineKey.secret}`,
    });
    api = await startApi(config);
    // The worker offers the cases below to mediators, so they are in the state production has.
    worker = await startWorker(config);
    adminToken = (await loginAsAdmin(api)).accessToken;
    doc = (await api.http.get('/docs-json')).body as OpenApiDocument;

    // Real objects, so that path ids can also point at something that exists.
    const net = await buildNetwork(
      api,
      [
        { ref: 'D', name: '敌意区', level: 'district' },
        { ref: 'T', name: '敌意镇', level: 'town', parent: 'D' },
        { ref: 'V', name: '敌意村', level: 'village', parent: 'T' },
      ],
      [
        { ref: 'village', unit: 'V', kind: 'village_mediator' },
        { ref: 'town', unit: 'T' },
      ],
    );
    await createUser(api, adminToken, {
      username: `hostile.${randomUUID().slice(0, 6)}`,
      roles: ['intake'],
      orgUnitId: net.units.T!,
    });
    await createCase(api, { orgUnitId: net.units.V! });
    await createCase(api, { orgUnitId: net.units.T!, collective: true, workerCount: 40 });
    const engagement = await api.http
      .post('/api/v1/law-firm-engagements')
      .set('authorization', bearer(adminToken))
      .send({
        lawFirm: '敌意律师事务所',
        employerName: '扬州敌意有限公司',
        employerCreditCode: creditCode(),
      });
    expect(engagement.status, JSON.stringify(engagement.body)).toBe(201);
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await db?.drop();
  });

  // ---- the Swagger document ----

  const resolve = (schema: Schema | undefined): Schema | undefined => {
    if (!schema) return undefined;
    if (schema.$ref) return resolve(doc.components.schemas[schema.$ref.split('/').pop()!]);
    if (schema.allOf?.length === 1) return resolve(schema.allOf[0]);
    return schema;
  };

  /**
   * The kind of value a schema wants. Dates and `string | null` properties show up as `object`
   * without properties (the Swagger plugin cannot reflect a union), told apart by their keywords.
   */
  const kindOf = (schema: Schema): 'string' | 'number' | 'boolean' | 'array' | 'object' => {
    if (schema.enum || schema.format || schema.maxLength !== undefined) return 'string';
    if (schema.type === 'integer' || schema.type === 'number') return 'number';
    if (schema.type === 'boolean' || schema.type === 'array' || schema.type === 'string') {
      return schema.type;
    }
    return 'object';
  };

  /** Values of the wrong type for a field of `schema`. */
  const wrongValues = (schema: Schema): unknown[] => {
    switch (kindOf(schema)) {
      case 'string':
        return [42];
      case 'number':
        return ['abc'];
      case 'boolean':
        return ['yes'];
      case 'array': {
        const items = resolve(schema.items);
        return items && kindOf(items) !== 'object' ? [{}, [{ a: 1 }]] : [{}];
      }
      case 'object':
        return ['string'];
    }
  };

  interface Field {
    path: string;
    schema: Schema;
    /** A body with `value` in this field and nothing else. */
    wrap(value: unknown): unknown;
  }

  /** Every property of a request schema, nested objects and arrays of objects included. */
  const fieldsOf = (schema: Schema | undefined, prefix = '', wrap = (v: unknown) => v): Field[] => {
    const properties = resolve(schema)?.properties ?? {};
    return Object.entries(properties).flatMap(([name, raw]) => {
      const own = resolve(raw) ?? {};
      const path = prefix ? `${prefix}.${name}` : name;
      const field: Field = { path, schema: own, wrap: (v) => wrap({ [name]: v }) };
      if (prefix.split('.').length > 3) return [field];
      const items = resolve(own.items);
      const nested =
        kindOf(own) === 'object' && own.properties
          ? fieldsOf(own, path, (v) => wrap({ [name]: v }))
          : kindOf(own) === 'array' && items?.properties
            ? fieldsOf(items, `${path}.0`, (v) => wrap({ [name]: [v] }))
            : [];
      return [field, ...nested];
    });
  };

  // ---- probes ----

  const json = (text: string) => ({ type: 'application/json', text });

  /** Bodies for an operation that takes one (or might): shapes, types, sizes, syntax, media types. */
  function bodyProbes(op: Operation, url: string): Probe[] {
    const content = op.requestBody?.content ?? {};
    const schema = content['application/json']?.schema;
    const takesJson = Boolean(schema);
    const multipart = Boolean(content['multipart/form-data']);
    const hasRequired = Boolean(resolve(schema)?.required?.length) || multipart;
    const probe = (input: string, body: Probe['body'], extra: Partial<Probe> = {}): Probe => ({
      input,
      url,
      token: adminToken,
      body,
      mustReject: takesJson || multipart,
      ...extra,
    });
    const probes: Probe[] = [
      probe('null', json('null')),
      probe('[]', json('[]')),
      probe('"string"', json('"string"')),
      probe('42', json('42')),
      probe('{}', json('{}'), { mustReject: hasRequired }),
      probe('broken JSON', json('{"a": '), { mustReject: true }),
      probe('__proto__/constructor keys', json(PROTO_BODY), { mustReject: hasRequired }),
      probe(`{a:{a:…}} ${DEPTH} deep`, json(deepJson(DEPTH)), {
        mustReject: takesJson || multipart,
      }),
      probe('JSON in latin1', { type: 'application/json; charset=latin1', text: '{}' }),
      probe('text/plain', { type: 'text/plain', text: 'hello' }, { mustReject: hasRequired }),
      probe('xml', { type: 'application/xml', text: '<a/>' }, { mustReject: hasRequired }),
      probe(
        'form with __proto__',
        { type: 'application/x-www-form-urlencoded', text: 'a=1&__proto__[polluted]=yes' },
        { mustReject: takesJson || multipart },
      ),
    ];
    if (multipart) {
      const boundary = 'hostileboundary';
      const type = `multipart/form-data; boundary=${boundary}`;
      probes.push(
        probe('empty multipart', { type, text: `--${boundary}--\r\n` }),
        probe('multipart without a boundary', { type: 'multipart/form-data', text: '' }),
        probe('multipart with a text field, no file', {
          type,
          text: `--${boundary}\r\nContent-Disposition: form-data; name="file"\r\n\r\nhello\r\n--${boundary}--\r\n`,
        }),
        probe('truncated multipart', {
          type,
          text: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\na,b`,
        }),
      );
    }
    if (!schema) return probes;
    const fields = fieldsOf(schema);
    const topLevel = fields.filter((f) => !f.path.includes('.'));
    probes.push(
      probe(
        `every field of the wrong type`,
        json(
          JSON.stringify(
            Object.fromEntries(topLevel.map((f) => [f.path, wrongValues(f.schema)[0]])),
          ),
        ),
      ),
    );
    for (const f of fields) {
      for (const wrong of wrongValues(f.schema)) {
        probes.push(
          probe(`${f.path}: ${JSON.stringify(wrong)}`, json(JSON.stringify(f.wrap(wrong))), {
            field: { name: f.path, baseline: 'body' },
          }),
        );
      }
      if (kindOf(f.schema) === 'string') {
        probes.push(
          probe(`${f.path}: 100 KB string`, json(JSON.stringify(f.wrap(KB100))), {
            mustReject: true,
            field: { name: f.path, baseline: 'body' },
          }),
          // Postgres text cannot hold U+0000: it must be refused up front, not by the database.
          probe(`${f.path}: "a\\u0000b"`, json(JSON.stringify(f.wrap('a\u0000b'))), {
            mustReject: true,
            field: { name: f.path, baseline: 'body' },
          }),
        );
      }
      // Values of the right type that the database or Date cannot take, or a rule should refuse.
      const edgeValues =
        kindOf(f.schema) === 'number'
          ? EDGE_NUMBERS
          : f.schema.format === 'date' || f.schema.format === 'date-time'
            ? EDGE_DATES
            : [];
      for (const edge of edgeValues) {
        probes.push(
          probe(`${f.path}: ${JSON.stringify(edge)}`, json(JSON.stringify(f.wrap(edge))), {
            mustReject: false,
            field: { name: f.path, baseline: 'body' },
          }),
        );
      }
      if (kindOf(f.schema) === 'object' || kindOf(f.schema) === 'array') {
        probes.push(
          probe(`${f.path}: ${DEPTH} deep`, json(JSON.stringify(f.wrap(deepValue(DEPTH)))), {
            field: { name: f.path, baseline: 'body' },
          }),
        );
      }
    }
    return probes;
  }

  /** Query and header parameters one at a time: repeats, length, sign, NaN, impossible dates. */
  function parameterProbes(op: Operation, url: string): Probe[] {
    const values = [
      ['repeated', (n: string) => `${n}=1&${n}=2`],
      ['bracketed', (n: string) => `${n}[a]=1`],
      ['4000 chars', (n: string) => `${n}=${LONG}`],
      ['-1', (n: string) => `${n}=-1`],
      ['NaN', (n: string) => `${n}=NaN`],
      ['2026-13-45', (n: string) => `${n}=2026-13-45`],
      ['%00', (n: string) => `${n}=%00`],
    ] as const;
    const probes: Probe[] = [];
    for (const p of op.parameters ?? []) {
      if (p.in === 'query') {
        for (const [what, query] of values) {
          probes.push({
            input: `?${p.name} ${what}`,
            url: `${url}?${query(p.name)}`,
            token: adminToken,
            mustReject: false,
            field: { name: p.name, baseline: 'query' },
          });
        }
      } else if (p.in === 'header') {
        for (const value of [LONG, '-1', 'NaN', '2026-13-45', randomUUID()]) {
          probes.push({
            input: `${p.name}: ${value.slice(0, 40)}`,
            url,
            token: adminToken,
            headers: { [p.name]: value },
            mustReject: false,
          });
        }
      }
    }
    return probes;
  }

  // ---- real ids ----

  const realValues = new Map<string, string>();

  /**
   * An existing value for a path parameter: the first item of the list at the path before it
   * (`GET /cases` for `/cases/{id}`), else a value of the right shape, else a random UUID.
   */
  async function realValue(template: string, real: string, name: string): Promise<string> {
    const key = `${real}|${name}`;
    if (!realValues.has(key)) {
      let value: string | undefined;
      if (doc.paths[template]?.get) {
        const res = await api.http.get(real).set('authorization', bearer(adminToken));
        const item = (res.body as { items?: Record<string, unknown>[] }).items?.[0];
        const found = item?.[name] ?? item?.id;
        if (found !== undefined) value = String(found);
      }
      realValues.set(key, value ?? SAMPLE_PARAMS[name] ?? randomUUID());
    }
    return realValues.get(key)!;
  }

  /** The operation's URL with every path parameter replaced: real values, or `hostile` for one. */
  async function urlOf(path: string, hostile?: { name: string; value: string }): Promise<string> {
    const segments = path.split('/');
    const out: string[] = [];
    for (const [i, segment] of segments.entries()) {
      const param = /^\{(.+)\}$/.exec(segment)?.[1];
      if (!param) out.push(segment);
      else if (param === hostile?.name) out.push(hostile.value);
      else {
        const value = await realValue(segments.slice(0, i).join('/'), out.join('/'), param);
        out.push(encodeURIComponent(value));
      }
    }
    return out.join('/');
  }

  // ---- sending and judging ----

  async function send(method: Method, probe: Probe): Promise<Response> {
    let req = api.http[method](probe.url);
    if (probe.token) req = req.set('authorization', bearer(probe.token));
    if (probe.signed) {
      const { 'content-type': _, ...signature } = signedHeaders(hotlineKey, probe.body?.text ?? '');
      req = req.set(signature);
    }
    if (probe.headers) req = req.set(probe.headers);
    if (probe.body) req = req.set('content-type', probe.body.type).send(probe.body.text);
    return req;
  }

  /** What is wrong with an answer, if anything. `baselines`: statuses without the hostile part. */
  function problemOf(
    probe: Probe,
    res: Response,
    baselines: Record<'query' | 'body', number>,
  ): string | undefined {
    if (res.status >= 500) return 'server error';
    if (probe.mustReject && res.status < 400 && !reportsItemErrors(res.body)) return 'accepted';
    if (res.status !== 400) return undefined;
    const body = res.body as {
      error?: unknown;
      message?: unknown;
      details?: { field?: unknown; message?: unknown }[];
    };
    if (typeof body.error !== 'string' || typeof body.message !== 'string') {
      return '400 without an error code and message';
    }
    const details = body.details;
    if (details !== undefined) {
      const wellFormed =
        Array.isArray(details) &&
        details.length > 0 &&
        details.every(
          (d) =>
            typeof d.field === 'string' && d.field && typeof d.message === 'string' && d.message,
        );
      if (!wellFormed) return '400 with malformed details';
    }
    if (body.error === 'VALIDATION_FAILED' && !details) return 'VALIDATION_FAILED without details';
    const field = probe.field;
    if (!field || baselines[field.baseline] >= 400) return undefined;
    const { name } = field;
    const blamed = ({ field: named }: { field?: unknown }) =>
      named === name || [`${name}.`, `${name}[`].some((p) => String(named).startsWith(p));
    if (!details?.some(blamed)) return `details do not name ${name}`;
    return undefined;
  }

  /**
   * A batch answers 200 and reports each item's problems in that item's result (the 12345 batch
   * contract: one bad order does not fail the others): rejected means every item has an error.
   */
  const reportsItemErrors = (body: unknown): boolean => {
    const results = (body as { results?: { error?: { details?: unknown[] } }[] }).results;
    return Array.isArray(results) && results.every((r) => r.error?.details?.length);
  };

  /** Runs `task` for every item, at most `limit` at a time. */
  async function pool<T>(items: T[], limit: number, task: (item: T) => Promise<void>) {
    const queue = [...items];
    await Promise.all(
      Array.from({ length: limit }, async () => {
        for (let item = queue.shift(); item !== undefined; item = queue.shift()) await task(item);
      }),
    );
  }

  it('answers every hostile request with a 4xx in the contract’s shape, never a 5xx', async () => {
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      METHODS.filter((m) => ops[m]).map((method) => ({ path, method, op: ops[method]! })),
    );
    // A sanity floor: a broken document must not make this spec pass by testing nothing.
    expect(operations.length).toBeGreaterThan(80);

    const failures: string[] = [];
    let requests = 0;
    for (const { path, method, op } of operations) {
      const url = await urlOf(path);
      const pathParams = (op.parameters ?? []).filter((p) => p.in === 'path');
      const probes: Probe[] = [
        { input: 'no token', url, token: null, mustReject: Boolean(op.security) },
        ...parameterProbes(op, url),
      ];
      for (const p of pathParams) {
        for (const [what, value] of [
          ['random UUID', randomUUID()],
          ['not-a-uuid', 'not-a-uuid'],
          ['4000 chars', LONG],
          ['%00', '%00'],
        ] as const) {
          probes.push({
            input: `{${p.name}} = ${what}`,
            url: await urlOf(path, { name: p.name, value }),
            token: adminToken,
            mustReject: true,
            ...(method !== 'get' && method !== 'delete' && { body: json('{}') }),
          });
        }
      }
      if (method !== 'get' && method !== 'delete') probes.push(...bodyProbes(op, url));

      // Logging out ends the session it is called with: give each request a session of its own.
      const endsSession = path.endsWith('/auth/logout');
      const signed = (op.parameters ?? []).some(
        (p) => p.in === 'header' && p.name.toLowerCase() === 'x-hotline-signature',
      );
      const sendAs = async (probe: Probe) => {
        if (endsSession && probe.token) probe.token = (await loginAsAdmin(api)).accessToken;
        // Every request but the one testing the missing credentials is signed.
        if (signed && probe.token) probe.signed = true;
        requests++;
        return send(method, probe);
      };
      const judge = (probe: Probe, res: Response, problem: string | undefined) => {
        if (!problem) return;
        failures.push(
          `${method.toUpperCase()} ${path} [${probe.input}] → ${res.status} ${problem}: ` +
            (res.text ?? '').slice(0, 300),
        );
      };
      // The same request without the hostile part: is a field to blame for a 400 afterwards?
      const baseline = async (probe: Probe): Promise<number> => {
        const res = await sendAs(probe);
        judge(probe, res, res.status >= 500 ? 'server error' : undefined);
        return res.status;
      };
      const plain: Probe = { input: 'without query', url, token: adminToken, mustReject: false };
      const baselines = {
        query: method === 'get' ? await baseline(plain) : 400,
        body:
          method === 'get' || method === 'delete'
            ? 400
            : await baseline({ ...plain, input: '{}', body: json('{}') }),
      };
      await pool(probes, 4, async (probe) => {
        const res = await sendAs(probe);
        judge(probe, res, problemOf(probe, res, baselines));
      });
      // No hostile request may cost the admin their session (and blind the rest of the run).
      const me = await api.http.get('/api/v1/me').set('authorization', bearer(adminToken));
      if (me.status !== 200) {
        failures.push(`${method.toUpperCase()} ${path} ended the admin's session (${me.status})`);
        adminToken = (await loginAsAdmin(api)).accessToken;
      }
    }
    if (({} as Record<string, unknown>).polluted !== undefined) {
      failures.push('Object.prototype was polluted');
    }

    console.info(`hostile input: ${operations.length} operations, ${requests} requests`);
    expect(failures, `${failures.length} failures:\n${failures.join('\n')}`).toEqual([]);
  }, 60_000);
});
