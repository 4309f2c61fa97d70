import { it } from 'vitest';
import { createTestDatabase, testConfig } from '@heqi/testing';
import { bearer, loginAsAdmin } from './support/auth.js';
import { startApi } from './support/test-apps.js';

it('prints', async () => {
  const db = await createTestDatabase();
  const api = await startApi(testConfig(db.url));
  const t = (await loginAsAdmin(api)).accessToken;
  const p = (u: string, b: object) => api.http.post('/api/v1' + u).set('authorization', bearer(t)).send(b);
  const show = (r: any) => console.log(r.status, JSON.stringify(r.body));
  show(await p('/org-units', {}));
  show(await p('/org-units', { name: 42, level: 'town', parentId: 7 }));
  show(await p('/org-units', { name: 'x', level: 'enterprise', creditCode: '91321012MA1E2E0010' }));
  const d = await p('/org-units', { name: '区', level: 'district' }); show(d);
  show(await p('/org-units', { name: '村', level: 'village', parentId: d.body.id }));
  show(await p('/mediators', {}));
  show(await p('/mediators', { name: 'a', phone: '13912345678', kind: 'volunteer_lawyer', orgUnitId: d.body.id, skills: ['wages','wages'], capacity: 1.5 }));
  show(await api.http.patch('/api/v1/mediators/x').set('authorization', bearer(t)).send({ unavailableUntil: '2026-12-31T18:00:00' }));
  show(await api.http.post('/api/v1/network/import').set('authorization', bearer(t)).attach('file', Buffer.from('类型,名字\n单位,x\n'), 'a.csv'));
  show(await api.http.post('/api/v1/network/import').set('authorization', bearer(t)).attach('upload', Buffer.from('x'), 'x.csv'));
  show(await api.http.post('/api/v1/network/import').set('authorization', bearer(t)).attach('file', Buffer.alloc(5*1024*1024+1, 65), 'x.csv'));
  const docs = await api.http.get('/docs-json');
  console.log(Object.keys(docs.body.paths).filter((k) => /org-units|mediators|network/.test(k)));
  await api.close(); await db.drop();
});
