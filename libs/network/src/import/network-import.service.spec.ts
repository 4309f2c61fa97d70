import 'reflect-metadata';
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role, creditCodeCheckChar } from '@heqi/core';
import { createTestDatabase, testConfig, type TestDatabase } from '@heqi/testing';
import type { DemoNetwork, DemoNetworkResult } from '../demo/network-demo.service.js';
import { NetworkErrorCode } from '../network.errors.js';
import {
  ADMIN,
  type NetworkTestContext,
  actor,
  brokenPaths,
  startNetworkContext,
} from '../testing/network-test-context.js';

const FIXTURE = new URL('../../../../test/fixtures/network.json', import.meta.url);

const creditCode = (body: string) => body + creditCodeCheckChar(body);
const GOOD_CODE = creditCode('91321012MA1NEW001');
const BAD_CODE = GOOD_CODE.slice(0, 17) + (GOOD_CODE[17] === '0' ? '1' : '0');

const HEADER = '类型,名称,层级,上级,编码,统一社会信用代码,地址,手机,类别,所属单位,擅长,容量,律所';

/** A CSV of good and bad rows; row numbers in comments are the spreadsheet's. */
const CSV = [
  HEADER, // 1
  '单位,新河村,村,南湖区/东港镇,,,,,,,,,', // 2 created
  `单位,扬州新河五金有限公司,企业,南湖区/东港镇/新河村,,${GOOD_CODE},新河村 8 号,,,,,,`, // 3 created
  `单位,坏代码公司,企业,新河村,,${BAD_CODE},,,,,,,`, // 4 bad credit code
  '单位,错层级村,村,南湖区,,,,,,,,,', // 5 village under a district
  '单位,孤儿村,村,不存在镇,,,,,,,,,', // 6 unknown parent
  '', // 7 blank: ignored
  '调解员,新河村调解员,,,,,,138 0000 1111,村调解员,南湖区/东港镇/新河村,"欠薪,社保",5,', // 8 created
  '调解员,张律师,,,,,,13800002222,志愿律师,南湖区,全部,8,', // 9 lawyer without a firm
  '调解员,王五,,,,,,12345,工会专职,东港镇,工资,5,', // 10 bad phone
  '调解员,赵六,,,,,,13800003333,工会专职,东港镇,"工资,赌博",5,', // 11 unknown skill
  '飞机,x,,,,,,,,,,,', // 12 unknown type
  '调解员,钱七,,,,,,13800004444,专职,东港镇,工资,很多,', // 13 capacity not a number
].join('\r\n');

describe('network import and demo network (integration)', () => {
  let db: TestDatabase;
  let ctx: NetworkTestContext;
  let fixture: DemoNetwork;
  let demo: DemoNetworkResult;

  const importCsv = (text: string, caller = ADMIN) =>
    ctx.imports.import(caller, { buffer: Buffer.from(text, 'utf8') });

  beforeAll(async () => {
    db = await createTestDatabase();
    ctx = await startNetworkContext(testConfig(db.url));
    fixture = JSON.parse(await readFile(FIXTURE, 'utf8')) as DemoNetwork;
    demo = await ctx.demo.loadDemoNetwork(fixture);
  });

  afterAll(async () => {
    await ctx?.close();
    await db?.drop();
  });

  describe('loadDemoNetwork', () => {
    it('loads every unit and mediator of network.json into a consistent tree', async () => {
      expect(demo.created).toEqual({
        units: fixture.units.length,
        mediators: fixture.mediators.length,
      });
      const [{ units, mediators }] = await ctx.dataSource.query(
        `SELECT (SELECT count(*)::int FROM org_unit) AS units,
                (SELECT count(*)::int FROM mediator) AS mediators`,
      );
      expect({ units, mediators }).toEqual({ units: 51, mediators: 16 });
      expect(await brokenPaths(ctx.dataSource)).toEqual([]);
      const e1 = await ctx.units.get(ADMIN, demo.units.E1!);
      expect(e1).toMatchObject({ creditCode: '91321012GTW2Y65Y1Q', parentId: demo.units.T2V1 });
      const lawyer = await ctx.mediators.get(ADMIN, demo.mediators.L1!);
      expect(lawyer).toMatchObject({ lawFirm: '金诚律师事务所', orgUnitId: demo.units.D });
      expect(lawyer.phoneMasked).toMatch(/^170\*{4}\d{4}$/);
    });

    it('is idempotent: a second load creates nothing and returns the same ids', async () => {
      const again = await ctx.demo.loadDemoNetwork(fixture);
      expect(again.created).toEqual({ units: 0, mediators: 0 });
      expect(again.units).toEqual(demo.units);
      expect(again.mediators).toEqual(demo.mediators);
    });
  });

  describe('CSV', () => {
    it('creates the good rows and reports each bad one with its row number and reason', async () => {
      const report = await importCsv(CSV);
      expect(report.created).toEqual({ units: 2, mediators: 1 });
      expect(report.skipped).toEqual([]);
      expect(report.rows).toBe(11);
      const reasons = Object.fromEntries(report.rejected.map((r) => [r.row, r.reason]));
      expect(Object.keys(reasons).map(Number)).toEqual([4, 5, 6, 9, 10, 11, 12, 13]);
      expect(reasons[4]).toMatch(/^统一社会信用代码：.*GB 32100/);
      expect(reasons[5]).toMatch(/^上级：村\/社区只能隶属于镇\/街道/);
      expect(reasons[6]).toContain('找不到单位「不存在镇」');
      expect(reasons[9]).toMatch(/^律所：/);
      expect(reasons[10]).toMatch(/^手机：/);
      expect(reasons[11]).toBe('擅长：无法识别：赌博');
      expect(reasons[12]).toContain('无法识别「飞机」');
      expect(reasons[13]).toBe('容量：必须是整数');

      const [firm] = await ctx.units.findByName('扬州新河五金有限公司');
      expect(firm).toMatchObject({ creditCode: GOOD_CODE, address: '新河村 8 号', depth: 4 });
      const mediators = await ctx.mediators.list(
        ADMIN,
        { q: '新河村调解员' },
        { page: 1, pageSize: 5 },
      );
      expect(mediators.items).toMatchObject([
        {
          phoneMasked: '138****1111',
          kind: 'village_mediator',
          skills: ['wages', 'social_insurance'],
        },
      ]);
      expect(await brokenPaths(ctx.dataSource)).toEqual([]);
    });

    it('creates nothing when the same file comes again, reporting the rows as skipped', async () => {
      const report = await importCsv(CSV);
      expect(report.created).toEqual({ units: 0, mediators: 0 });
      expect(report.skipped.map((s) => s.row)).toEqual([2, 3, 8]);
      expect(report.skipped[0]!.reason).toContain('新河村');
      expect(report.rejected).toHaveLength(8);
    });

    it('reads GB18030 (Excel on Chinese Windows) as well as UTF-8 with a BOM', async () => {
      // 类型,名称,层级,上级 / 单位,国标村,村,南湖区/东港镇 — encoded in GB18030.
      const gb = Buffer.from(
        'wODQzSzD+7PGLLLjvLYsyc+8tgq1pc67LLn6seq05Sy05SzEz7r+x/gvtqu429XyCg==',
        'base64',
      );
      expect((await ctx.imports.import(ADMIN, { buffer: gb })).created.units).toBe(1);
      const bom = `\uFEFF类型,名称,层级,上级\n单位,带BOM村,村,东港镇\n`;
      expect((await importCsv(bom)).created.units).toBe(1);
    });

    it('says which parent is meant when a name is ambiguous', async () => {
      const report = await importCsv(
        '类型,名称,层级,上级\n单位,同名村,村,东港镇\n单位,同名村,村,西塘镇\n单位,某企业,企业,同名村\n单位,某企业,企业,东港镇/同名村\n',
      );
      expect(report.created.units).toBe(3);
      expect(report.rejected).toEqual([
        { row: 4, reason: expect.stringContaining('有 2 个同名单位，请写完整路径') },
      ]);
    });

    it('refers to parents by code or credit code as well', async () => {
      const report = await importCsv(
        `类型,名称,层级,上级\n单位,编码镇,镇,321012\n单位,分厂,企业,${GOOD_CODE.toLowerCase()}\n`,
      );
      // The second row puts an enterprise under an enterprise.
      expect(report.created.units).toBe(1);
      expect(report.rejected[0]!.reason).toMatch(/^上级：企业只能隶属于/);
    });

    it('keeps an admin with a home unit inside it', async () => {
      const townAdmin = actor([Role.Admin], await ctx.units.get(ADMIN, demo.units.T1!));
      const report = await importCsv(
        '类型,名称,层级,上级\n单位,辖内村,村,东港镇\n单位,辖外村,村,西塘镇\n单位,新区,区,\n',
        townAdmin,
      );
      expect(report.created.units).toBe(1);
      expect(report.rejected.map((r) => r.reason)).toEqual([
        expect.stringContaining('找不到单位「西塘镇」'),
        '只有不限单位的管理员可以新建区/县',
      ]);
    });
  });

  describe('XLSX', () => {
    it('reads one sheet per type (单位, 调解员) with loose headers, a title row and numeric cells', async () => {
      const workbook = new ExcelJS.Workbook();
      workbook.addWorksheet('填写说明').addRow(['每行一个单位；上级写完整路径', '勿删表头']);
      const units = workbook.addWorksheet('单位');
      units.addRow(['南湖区调解网络（2026 年）']);
      units.addRow(['*名称', '层级（区/镇/村/企业）', '上级单位', '统一社会信用代码']);
      units.addRow(['表格村', 'village', '南湖区 / 西塘镇', null]);
      units.addRow([
        '表格企业',
        '企业',
        '南湖区/西塘镇/表格村',
        { richText: [{ text: creditCode('91321012MA1NEW002') }] },
      ]);
      const people = workbook.addWorksheet('调解员');
      people.addRow([
        '姓名',
        '手机号码',
        '调解员类别',
        '所属单位',
        '擅长类别',
        '容量',
        '律师事务所',
      ]);
      people.addRow([
        '表格律师',
        13800005555,
        'volunteer_lawyer',
        '南湖区/西塘镇/表格村',
        '劳动报酬、工伤',
        3,
        '明德律师事务所',
      ]);
      people.addRow(['坏人', 13800006666, '村调解员', '表格村', '', 3, null]);
      const buffer = Buffer.from(await workbook.xlsx.writeBuffer());

      const report = await ctx.imports.import(ADMIN, { buffer });
      expect(report.created).toEqual({ units: 2, mediators: 1 });
      expect(report.rejected).toEqual([
        { sheet: '调解员', row: 3, reason: expect.stringMatching(/^擅长：/) },
      ]);
      const lawyer = await ctx.mediators.list(ADMIN, { q: '表格律师' }, { page: 1, pageSize: 1 });
      expect(lawyer.items[0]).toMatchObject({
        phoneMasked: '138****5555',
        skills: ['wages', 'work_injury'],
        capacity: 3,
      });
      const again = await ctx.imports.import(ADMIN, { buffer });
      expect(again.created).toEqual({ units: 0, mediators: 0 });
      expect(again.skipped).toHaveLength(3);
    });
  });

  describe('whole-file problems', () => {
    it('refuses unknown and repeated headers, naming them', async () => {
      const err = await ctx.imports
        .import(ADMIN, { buffer: Buffer.from('类型,名称,层级,邮编,名称\n单位,x,村,1,y\n') })
        .catch((e: unknown) => e);
      expect(err).toMatchObject({
        code: NetworkErrorCode.ImportBadHeader,
        kind: 'invalid',
        details: [
          { field: '第1行', message: expect.stringContaining('未知的列「邮编」') },
          { field: '第1行', message: '列「名称」重复' },
        ],
      });
    });

    it('says so when no row looks like a header', async () => {
      const err = await importCsv('南湖区调解网络\n单位,x,村\n').catch((e: unknown) => e);
      expect(err).toMatchObject({
        code: NetworkErrorCode.ImportBadHeader,
        details: [{ field: '第1行', message: expect.stringContaining('找不到表头') }],
      });
    });

    it('needs a 类型 column in a CSV', async () => {
      const err = await importCsv('名称,层级\nx,村\n').catch((e: unknown) => e);
      expect(err).toMatchObject({ code: NetworkErrorCode.ImportBadHeader });
    });

    it.each([
      [
        'an old .xls',
        Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
        'IMPORT_UNREADABLE',
      ],
      ['binary junk', Buffer.from([0x00, 0x01, 0x02, 0xff, 0x00]), 'IMPORT_UNREADABLE'],
      ['a broken zip', Buffer.from('PK\u0003\u0004garbage'), 'IMPORT_UNREADABLE'],
      ['a header only', Buffer.from(`${HEADER}\n`), 'IMPORT_BAD_SIZE'],
      ['nothing', Buffer.alloc(0), 'IMPORT_BAD_SIZE'],
    ])('refuses %s', async (_what, buffer, code) => {
      const err = await ctx.imports.import(ADMIN, { buffer }).catch((e: unknown) => e);
      expect(err).toMatchObject({ code, kind: 'invalid' });
    });

    it('is for admins only', async () => {
      const supervisor = actor([Role.Supervisor], null);
      const err = await importCsv(CSV, supervisor).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: NetworkErrorCode.Forbidden });
    });
  });
});
