import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testConfig, type TestDatabase } from '@heqi/testing';
import { bearer, createUser, loginAsAdmin } from './support/auth.js';
import { startApi, type TestApi } from './support/test-apps.js';

/** Admin-managed 12345 signing keys, and the audit log that records such changes. */
describe('hotline keys and the audit log', () => {
  let db: TestDatabase;
  let api: TestApi;
  let sql: DataSource;
  let admin: string;
  let townA: string;
  let townB: string;

  const unit = async (name: string, level: string, parent: { id: string; path: string } | null) => {
    const [row] = await sql.query(
      `INSERT INTO org_unit (id, name, level, parent_id, path, depth)
       SELECT id, $1, $2, $3::uuid, coalesce($4, '/') || id || '/', $5
         FROM (SELECT gen_random_uuid() AS id) g RETURNING id, path`,
      [name, level, parent?.id ?? null, parent?.path ?? null, parent ? 2 : 1],
    );
    return row as { id: string; path: string };
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startApi(testConfig(db.url));
    sql = api.app.get<DataSource>(getDataSourceToken());
    admin = (await loginAsAdmin(api)).accessToken;
    const district = await unit('测试区', 'district', null);
    townA = (await unit('甲镇', 'town', district)).id;
    townB = (await unit('乙镇', 'town', district)).id;
  });

  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  it('creates a key whose secret is shown once and stored only encrypted', async () => {
    const created = await api.http
      .post('/api/v1/hotline/keys')
      .set('authorization', bearer(admin))
      .send({ description: '市 12345 平台' })
      .expect(201);
    expect(created.body).toMatchObject({ source: 'database', description: '市 12345 平台' });
    expect(created.body.secret.length).toBeGreaterThanOrEqual(40);

    const [row] = await sql.query(`SELECT secret_enc FROM hotline_key WHERE key_id = $1`, [
      created.body.keyId,
    ]);
    expect(row.secret_enc).not.toContain(created.body.secret);

    const list = await api.http
      .get('/api/v1/hotline/keys')
      .set('authorization', bearer(admin))
      .expect(200);
    const listed = list.body.items.find((k: { keyId: string }) => k.keyId === created.body.keyId);
    expect(listed).toBeDefined();
    expect(listed.secret).toBeUndefined();
    expect(list.body.items.some((k: { source: string }) => k.source === 'environment')).toBe(true);
  });

  it('revokes a key once; a second revoke and an environment key are 409; unknown is 404', async () => {
    const { body } = await api.http
      .post('/api/v1/hotline/keys')
      .set('authorization', bearer(admin))
      .send({})
      .expect(201);
    const revoked = await api.http
      .delete(`/api/v1/hotline/keys/${body.keyId}`)
      .set('authorization', bearer(admin))
      .expect(200);
    expect(revoked.body.revokedAt).not.toBeNull();
    await api.http
      .delete(`/api/v1/hotline/keys/${body.keyId}`)
      .set('authorization', bearer(admin))
      .expect(409);
    await api.http
      .delete('/api/v1/hotline/keys/dev-12345')
      .set('authorization', bearer(admin))
      .expect(409);
    await api.http
      .delete('/api/v1/hotline/keys/no-such-key')
      .set('authorization', bearer(admin))
      .expect(404);
    // A NUL cannot reach SQL from a path parameter either: 400, naming the parameter.
    const nul = await api.http
      .delete('/api/v1/hotline/keys/k%00')
      .set('authorization', bearer(admin))
      .expect(400);
    expect(nul.body.details.map((d: { field: string }) => d.field)).toEqual(['keyId']);
  });

  it('refuses key management to non-admins and bad input with field details', async () => {
    const supervisor = await createUser(api, admin, {
      username: 'keys_supervisor',
      roles: ['supervisor'],
      orgUnitId: townA,
    });
    await api.http
      .post('/api/v1/hotline/keys')
      .set('authorization', bearer(supervisor.token))
      .send({})
      .expect(403);
    await api.http.get('/api/v1/hotline/keys').expect(401);
    const bad = await api.http
      .post('/api/v1/hotline/keys')
      .set('authorization', bearer(admin))
      .send({ description: 'x'.repeat(201), extra: 1 })
      .expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'description',
      'extra',
    ]);
  });

  it('records key changes in the audit log, newest first, filterable', async () => {
    const res = await api.http
      .get('/api/v1/audit?action=hotline_key.revoke')
      .set('authorization', bearer(admin))
      .expect(200);
    expect(res.body.total).toBe(1);
    expect(res.body.items[0]).toMatchObject({ action: 'hotline_key.revoke', actorName: 'admin' });
    const all = await api.http.get('/api/v1/audit').set('authorization', bearer(admin)).expect(200);
    const times = all.body.items.map((i: { at: string }) => Date.parse(i.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('shows supervisors only their subtree and refuses other roles', async () => {
    const [{ path: pathA }] = await sql.query(`SELECT path FROM org_unit WHERE id = $1`, [townA]);
    const [{ path: pathB }] = await sql.query(`SELECT path FROM org_unit WHERE id = $1`, [townB]);
    await sql.query(
      `INSERT INTO audit_log (actor_name, action, object_type, object_id, org_path)
       VALUES ('t', 'test.a', 'case', 'a', $1), ('t', 'test.b', 'case', 'b', $2)`,
      [pathA, pathB],
    );
    const supervisor = await createUser(api, admin, {
      username: 'audit_supervisor',
      roles: ['supervisor'],
      orgUnitId: townA,
    });
    const seen = await api.http
      .get('/api/v1/audit?objectId=a')
      .set('authorization', bearer(supervisor.token))
      .expect(200);
    expect(seen.body.total).toBe(1);
    const hidden = await api.http
      .get('/api/v1/audit?objectId=b')
      .set('authorization', bearer(supervisor.token))
      .expect(200);
    expect(hidden.body.total).toBe(0);
    const intake = await createUser(api, admin, {
      username: 'audit_intake',
      roles: ['intake'],
      orgUnitId: townA,
    });
    await api.http.get('/api/v1/audit').set('authorization', bearer(intake.token)).expect(403);
    await api.http
      .get('/api/v1/audit?from=yesterday&pageSize=500')
      .set('authorization', bearer(admin))
      .expect(400);
  });

  it('refuses UPDATE, DELETE and TRUNCATE on the audit log at the database', async () => {
    await expect(sql.query(`UPDATE audit_log SET action = 'forged'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
    await expect(sql.query(`TRUNCATE audit_log`)).rejects.toThrow(/append-only/);
    const [{ n }] = await sql.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'forged'`,
    );
    expect(n).toBe(0);
  });
});
