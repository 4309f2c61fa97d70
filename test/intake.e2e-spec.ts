import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, readFileSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoNetwork, type DemoNetworkResult, NetworkDemoService } from '@heqi/network';
import { createTestDatabase, testConfig, type TestDatabase } from '@heqi/testing';
import { bearer, createUser, loginAsAdmin } from './support/auth.js';
import { startApi, type TestApi } from './support/test-apps.js';

const network = JSON.parse(
  readFileSync(new URL('./fixtures/network.json', import.meta.url), 'utf8'),
) as DemoNetwork;

/**
 * Cases registered by staff (`POST /api/v1/cases`) and imports of 12345 exports
 * (`POST /api/v1/hotline/imports`) through HTTP: validation, roles and reach, routing, CSV in
 * UTF-8 and GB18030, XLSX, per-row reports, re-imports, and a 5,000-row file streamed with
 * bounded memory (the 100,000-row run is in bench/intake).
 */
describe('intake', () => {
  let db: TestDatabase;
  let api: TestApi;
  let sql: pg.Pool;
  let net: DemoNetworkResult;
  let tmp: string;
  const tokens = {} as Record<
    'admin' | 'intake' | 'townIntake' | 'mediator' | 'supervisor',
    string
  >;

  const register = (token: string, body: unknown) =>
    api.http
      .post('/api/v1/cases')
      .set('authorization', bearer(token))
      .send(body as object);
  const importFile = (token: string, file: Buffer | string, name = 'orders.csv') =>
    api.http
      .post('/api/v1/hotline/imports')
      .set('authorization', bearer(token))
      .attach('file', file, name);
  const walkIn = (overrides: Record<string, unknown> = {}) => ({
    channel: 'walk_in',
    category: 'wages',
    description: '申请人在公司做电工，被拖欠三个月工资共计1.5万元。',
    claimants: [{ name: '张三', phone: '13912345678', idNumber: '11010519491231002X' }],
    employer: { name: '扬州瑞丰五金制造有限公司' },
    ...overrides,
  });
  const count = async (table: string, where = 'TRUE', params: unknown[] = []) =>
    (await sql.query(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, params)).rows[0]
      .n as number;

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startApi(testConfig(db.url));
    sql = new pg.Pool({ connectionString: db.url, max: 3 });
    net = await api.app.get(NetworkDemoService).loadDemoNetwork(network);
    tmp = await mkdtemp(join(tmpdir(), 'heqi-intake-'));
    const admin = await loginAsAdmin(api);
    tokens.admin = admin.accessToken;
    const user = async (roles: string[], unit: string, mediator?: string) =>
      (
        await createUser(api, admin.accessToken, {
          username: `${roles[0]}.${randomUUID().slice(0, 8)}`,
          roles,
          orgUnitId: net.units[unit]!,
          ...(mediator ? { mediatorId: net.mediators[mediator]! } : {}),
        })
      ).token;
    tokens.intake = await user(['intake'], 'D');
    tokens.townIntake = await user(['intake'], 'T1');
    tokens.mediator = await user(['mediator'], 'T1', 'M-T1a');
    tokens.supervisor = await user(['supervisor'], 'D');
  });

  afterAll(async () => {
    await api?.close();
    await sql?.end();
    await db?.drop();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  describe('POST /cases', () => {
    it('registers a walk-in case at the employer, masked, with what the text adds', async () => {
      const res = await register(tokens.intake, walkIn()).expect(201);
      expect(res.body).toMatchObject({
        id: expect.any(String),
        caseNo: expect.stringMatching(/^南湖-\d{4}-\d{6}$/),
        status: 'queued',
        channel: 'walk_in',
        category: 'wages',
        collective: false,
        orgUnitId: net.units.E1,
        employer: {
          name: '扬州瑞丰五金制造有限公司',
          creditCode: '91321012GTW2Y65Y1Q',
          orgUnitId: net.units.E1,
        },
        claimants: [
          { name: '张三', phoneMasked: '139****5678', idNumberMasked: '1101**********002X' },
        ],
        amountClaimed: '15000.00',
        workerCount: 1,
        extractedFields: expect.arrayContaining(['amountClaimed']),
        routing: { by: 'employer_name', districtBy: 'caller' },
      });
      expect(JSON.stringify(res.body)).not.toContain('13912345678');
      const [row] = (
        await sql.query(`SELECT channel, created_by FROM mediation_case WHERE id = $1`, [
          res.body.id,
        ])
      ).rows;
      expect(row.channel).toBe('walk_in');
      expect(row.created_by).toEqual(expect.any(String));
      const job = await count('outbox_message', `payload->>'caseId' = $1`, [res.body.id]);
      expect(job).toBe(1);
    });

    it('routes to the unit picked on the form, and refuses one outside the caller’s reach', async () => {
      const inReach = await register(
        tokens.townIntake,
        walkIn({ employer: { name: '某某小厂', orgUnitId: net.units.T1V2 } }),
      ).expect(201);
      expect(inReach.body).toMatchObject({
        orgUnitId: net.units.T1V2,
        routing: { by: 'employer_unit' },
      });
      const outside = await register(
        tokens.townIntake,
        walkIn({ employer: { name: '扬州瑞丰五金制造有限公司', orgUnitId: net.units.E1 } }),
      ).expect(400);
      expect(outside.body).toMatchObject({
        error: 'EMPLOYER_UNIT_NOT_FOUND',
        details: [{ field: 'employer.orgUnitId', message: expect.any(String) }],
      });
    });

    it('flags a collective dispute and places it at the town', async () => {
      const res = await register(
        tokens.intake,
        walkIn({ workerCount: 12, employer: { name: '扬州天成纺织有限公司' } }),
      ).expect(201);
      expect(res.body).toMatchObject({
        collective: true,
        urgent: true,
        townLevel: true,
        orgUnitId: net.units.T1,
        employer: { orgUnitId: net.units.E15 },
      });
    });

    it('puts a case against an unknown employer with no place into the triage queue', async () => {
      const res = await register(
        tokens.intake,
        walkIn({ employer: { name: '无名小店' }, description: '被拖欠工资。' }),
      ).expect(201);
      expect(res.body).toMatchObject({ status: 'triage', orgUnitId: net.units.D });
    });

    it.each([
      [
        'a bad phone',
        walkIn({ claimants: [{ name: '张三', phone: '12345' }] }),
        'claimants.0.phone',
      ],
      [
        'an ID number with a wrong check digit',
        walkIn({
          claimants: [{ name: '张三', phone: '13912345678', idNumber: '110105194912310021' }],
        }),
        'claimants.0.idNumber',
      ],
      ['an unknown field', walkIn({ priority: 'high' }), 'priority'],
      [
        'an unknown claimant field',
        walkIn({ claimants: [{ name: '张三', phone: '13912345678', age: 30 }] }),
        'claimants.0.age',
      ],
      ['missing claimants', walkIn({ claimants: undefined }), 'claimants'],
      ['no claimants', walkIn({ claimants: [] }), 'claimants'],
      ['a missing employer', walkIn({ employer: undefined }), 'employer'],
      ['the hotline channel', walkIn({ channel: 'hotline' }), 'channel'],
      ['an unknown category', walkIn({ category: 'tax' }), 'category'],
      ['a blank description', walkIn({ description: '   ' }), 'description'],
      [
        'a wrong credit code',
        walkIn({ employer: { name: 'x', creditCode: '91321012GTW2Y65Y1X' } }),
        'employer.creditCode',
      ],
      ['an amount with three decimals', walkIn({ amountClaimed: '1.234' }), 'amountClaimed'],
      ['a worker count of 0', walkIn({ workerCount: 0 }), 'workerCount'],
      [
        'a 20,000-character description',
        walkIn({ description: '欠'.repeat(20_000) }),
        'description',
      ],
    ])('refuses %s with 400 naming the field', async (_, body, field) => {
      const before = await count('mediation_case');
      const res = await register(tokens.intake, body).expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, error: 'VALIDATION_FAILED' });
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
      expect(await count('mediation_case')).toBe(before);
    });

    it('lets only intake staff and admins register cases', async () => {
      await register(tokens.mediator, walkIn()).expect(403);
      await register(tokens.supervisor, walkIn()).expect(403);
      await api.http.post('/api/v1/cases').send(walkIn()).expect(401);
      await register(tokens.admin, walkIn()).expect(201);
    });
  });

  describe('POST /hotline/imports', () => {
    const header =
      '工单编号,标题,诉求内容,来电人,联系电话,事发地址,被反映单位,涉及人数,涉及金额,派单时间,紧急程度';
    const csvRow = (cells: (string | number)[]) =>
      cells
        .map((c) => (/[,"\n]/.test(String(c)) ? `"${String(c).replace(/"/g, '""')}"` : c))
        .join(',');

    it('imports good rows, counts duplicates, reports bad rows, and creates nothing on re-import', async () => {
      const no = () => `IMP-${randomUUID()}`;
      const [a, b, c] = [no(), no(), no()];
      const csv = [
        header,
        csvRow([
          a,
          '拖欠工资',
          '来电人反映公司拖欠工资8000元',
          '李四',
          '13800138000',
          '南湖区西塘镇河口村1号',
          '',
          '',
          '',
          '2026-11-02 09:30',
          '一般',
        ]),
        csvRow([
          b,
          '讨薪',
          '其与12名工友被扬州协力食品有限公司拖欠工资，约5万元',
          '王五',
          '',
          '',
          '扬州协力食品有限公司',
          '13人',
          '5万元',
          '2026/11/3 10:00',
          '紧急',
        ]),
        '',
        csvRow([a, '重复', '同一工单再次出现', '', '', '', '', '', '', '', '']),
        csvRow(['', '无编号', '缺少工单编号', '', '', '', '', '', '', '', '']),
        csvRow([c, '坏日期', '拖欠工资', '', '', '', '', '', '', '2026-13-45', '']),
        csvRow([no(), '坏电话', '拖欠工资', '', 'call me', '', '', '', '', '', '']),
      ].join('\r\n');
      const res = await importFile(tokens.intake, Buffer.from(csv)).expect(200);
      expect(res.body).toEqual({
        total: 6,
        created: 2,
        duplicates: 1,
        rejected: [
          { row: 6, reason: expect.stringContaining('工单编号') },
          { row: 7, orderNo: c, reason: expect.stringContaining('派单时间') },
          { row: 8, orderNo: expect.any(String), reason: expect.stringContaining('联系电话') },
        ],
      });
      const first = (
        await sql.query(
          `SELECT c.*, o.source, o.dispatched_at, o.urgency FROM hotline_order o JOIN mediation_case c ON c.id = o.case_id WHERE o.order_no = $1`,
          [a],
        )
      ).rows[0];
      expect(first).toMatchObject({
        source: 'import',
        org_unit_id: net.units.T2V2,
        channel: 'hotline',
        amount_claimed: '8000.00',
        urgency: 'normal',
      });
      // Wall-clock times without an offset are Beijing time.
      expect(first.dispatched_at.toISOString()).toBe('2026-11-02T01:30:00.000Z');
      const second = (
        await sql.query(
          `SELECT c.* , o.urgency FROM hotline_order o JOIN mediation_case c ON c.id = o.case_id WHERE o.order_no = $1`,
          [b],
        )
      ).rows[0];
      expect(second).toMatchObject({
        collective: true,
        worker_count: 13,
        amount_claimed: '50000.00',
        org_unit_id: net.units.T1,
        urgency: 'urgent',
      });
      const audit = await count('audit_log', `action = 'case.create' AND object_id = $1`, [
        first.id,
      ]);
      expect(audit).toBe(1);

      const cases = await count('mediation_case');
      const again = await importFile(tokens.intake, Buffer.from(csv)).expect(200);
      expect(again.body).toMatchObject({ total: 6, created: 0, duplicates: 3 });
      expect(again.body.rejected).toHaveLength(3);
      expect(await count('mediation_case')).toBe(cases);
    });

    it('reads a GB18030 CSV as exported by Excel on a Chinese Windows', async () => {
      const orderNo = `GB-${randomUUID()}`;
      const text = `工单编号,标题,诉求内容,派单时间\r\n${orderNo},欠薪,来电人反映扬州鑫源物流有限公司拖欠工资3000元,2026-11-05 08:00\r\n`;
      const bytes = Buffer.from(new TextEncoderGb18030().encode(text));
      expect(bytes.includes(Buffer.from('工单编号'))).toBe(false);
      const res = await importFile(tokens.intake, bytes).expect(200);
      expect(res.body).toMatchObject({ total: 1, created: 1, rejected: [] });
      const [row] = (
        await sql.query(
          `SELECT c.title, c.employer_unit_id FROM hotline_order o JOIN mediation_case c ON c.id = o.case_id WHERE o.order_no = $1`,
          [orderNo],
        )
      ).rows;
      expect(row).toEqual({ title: '欠薪', employer_unit_id: net.units.E9 });
    });

    it('imports an XLSX export with date cells, text and numbers', async () => {
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('工单');
      sheet.addRow([
        '工单编号',
        '标题',
        '诉求内容',
        '联系电话',
        '涉及人数',
        '涉及金额',
        '受理时间',
        '承办单位编码',
        '备注',
      ]);
      const ok = `XL-${randomUUID()}`;
      const dup = `XL-${randomUUID()}`;
      sheet.addRow([
        ok,
        '工伤',
        '来电人在扬州华泰建材有限公司受伤，公司不支付医疗费2万元',
        13912345678,
        1,
        20000,
        new Date(Date.UTC(2026, 10, 6, 14, 0)),
        '321012',
        '无关列',
      ]);
      sheet.addRow([dup, '欠薪', '拖欠工资', '', '', '', '', '', '']);
      sheet.addRow([dup, '欠薪', '拖欠工资', '', '', '', '', '', '']);
      sheet.addRow([`XL-${randomUUID()}`, '', '', '', '', '', '', '', '']);
      const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
      const res = await importFile(tokens.intake, buffer, 'orders.xlsx').expect(200);
      expect(res.body).toEqual({
        total: 4,
        created: 2,
        duplicates: 1,
        rejected: [
          { row: 5, orderNo: expect.any(String), reason: expect.stringContaining('诉求内容') },
        ],
      });
      const [row] = (
        await sql.query(
          `SELECT c.category, c.amount_claimed, c.org_unit_id, o.dispatched_at, o.handling_unit_code
             FROM hotline_order o JOIN mediation_case c ON c.id = o.case_id WHERE o.order_no = $1`,
          [ok],
        )
      ).rows;
      expect(row).toMatchObject({
        category: 'work_injury',
        amount_claimed: '20000.00',
        org_unit_id: net.units.E6,
        handling_unit_code: '321012',
      });
      expect(row.dispatched_at.toISOString()).toBe('2026-11-06T06:00:00.000Z');
    });

    it('defaults the dispatch time to the import time when the column is missing', async () => {
      const orderNo = `NOW-${randomUUID()}`;
      const before = Date.now();
      await importFile(
        tokens.intake,
        Buffer.from(`工单编号,标题,诉求内容\n${orderNo},欠薪,拖欠工资\n`),
      ).expect(200);
      const [row] = (
        await sql.query(`SELECT dispatched_at FROM hotline_order WHERE order_no = $1`, [orderNo])
      ).rows;
      expect(row.dispatched_at.getTime()).toBeGreaterThanOrEqual(before - 1000);
      expect(row.dispatched_at.getTime()).toBeLessThanOrEqual(Date.now());
    });

    it('refuses a file without the required columns, a missing file and an old .xls', async () => {
      const noContent = await importFile(
        tokens.intake,
        Buffer.from('工单编号,标题\nA-1,x\n'),
      ).expect(400);
      expect(noContent.body).toMatchObject({
        error: 'IMPORT_BAD_HEADER',
        message: expect.stringContaining('诉求内容'),
      });
      const none = await api.http
        .post('/api/v1/hotline/imports')
        .set('authorization', bearer(tokens.intake))
        .field('note', 'x')
        .expect(400);
      expect(none.body.error).toBe('IMPORT_NO_FILE');
      const xls = Buffer.concat([
        Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
        Buffer.alloc(512),
      ]);
      const old = await importFile(tokens.intake, xls, 'orders.xls').expect(400);
      expect(old.body.error).toBe('IMPORT_UNREADABLE');
      const junk = await importFile(
        tokens.intake,
        Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]),
        'x.xlsx',
      );
      expect(junk.status).toBe(400);
    });

    it('refuses a file over 50 MB with 413', async () => {
      const big = Buffer.alloc(51 * 1024 * 1024, 0x41);
      const res = await importFile(tokens.intake, big).catch(
        (err: { response?: { status: number } }) => err.response,
      );
      expect(res?.status).toBe(413);
    });

    it('lets only intake staff and admins import', async () => {
      await importFile(tokens.mediator, Buffer.from(`${header}\n`)).expect(403);
      await importFile(tokens.supervisor, Buffer.from(`${header}\n`)).expect(403);
    });

    it('streams a 5,000-row file with bounded memory', async () => {
      const path = join(tmp, 'orders-5000.csv');
      const out = createWriteStream(path);
      out.write(`${header}\n`);
      const employers = network.units.filter((u) => u.level === 'enterprise').map((u) => u.name);
      for (let i = 0; i < 5000; i++) {
        out.write(
          `${csvRow([`BIG-${randomUUID()}`, '拖欠工资', `来电人反映${employers[i % employers.length]}拖欠其工资${1000 + i}元，请求协调`, '赵六', `139${String(i).padStart(8, '0')}`, '', '', '', '', '2026-11-10 09:00', '一般'])}\n`,
        );
      }
      await new Promise<void>((resolve) => out.end(resolve));
      expect((await stat(path)).size).toBeGreaterThan(500_000);
      const baseline = process.memoryUsage().rss;
      let peak = baseline;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
      const started = Date.now();
      const res = await api.http
        .post('/api/v1/hotline/imports')
        .set('authorization', bearer(tokens.intake))
        .attach('file', createReadStream(path), 'orders-5000.csv');
      clearInterval(sampler);
      expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(200);
      expect(res.body).toMatchObject({ total: 5000, created: 5000, duplicates: 0, rejected: [] });
      const seconds = (Date.now() - started) / 1000;
      console.log(
        `5,000-row import: ${seconds.toFixed(1)} s (${Math.round(5000 / seconds)} rows/s), ` +
          `RSS ${Math.round(baseline / 2 ** 20)} → peak ${Math.round(peak / 2 ** 20)} MB`,
      );
      // The API, the test runner and supertest share this process: the bound is generous, but a
      // reader that held the file and its rows would need far more than the file's 1 MB.
      expect(peak - baseline).toBeLessThan(200 * 2 ** 20);
    }, 240_000);
  });
});

/** GB18030 bytes for test input (TextEncoder only speaks UTF-8): through TextDecoder's table. */
class TextEncoderGb18030 {
  private static table?: Map<string, number[]>;

  encode(text: string): Uint8Array {
    const table = (TextEncoderGb18030.table ??= TextEncoderGb18030.build());
    const bytes: number[] = [];
    for (const ch of text) {
      const code = ch.codePointAt(0)!;
      if (code < 0x80) bytes.push(code);
      else {
        const found = table.get(ch);
        if (!found) throw new Error(`no GB18030 bytes for ${ch}`);
        bytes.push(...found);
      }
    }
    return Uint8Array.from(bytes);
  }

  /** Every two-byte GBK sequence decoded once: the inverse of the decoder for CJK text. */
  private static build(): Map<string, number[]> {
    const decoder = new TextDecoder('gb18030');
    const table = new Map<string, number[]>();
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        const ch = decoder.decode(Uint8Array.of(lead, trail));
        if (!table.has(ch)) table.set(ch, [lead, trail]);
      }
    }
    return table;
  }
}
