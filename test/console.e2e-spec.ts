import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type AppConfig, DisputeCategory } from '@heqi/core';
import { IntakeService } from '@heqi/intake';
import type { DemoNetworkResult } from '@heqi/network';
import { createTestDatabase, testConfig, type TestDatabase } from '@heqi/testing';
import {
  buildNetwork,
  caseRow,
  createCase,
  creditCode,
  dataSourceOf,
  waitForOffer,
} from './support/assignment-world.js';
import { bearer, createUser, loginAsAdmin } from './support/auth.js';
import {
  CONSOLE_ARTIFACTS,
  type ConsoleBrowser,
  ensureConsoleBuilt,
  launchConsoleBrowser,
} from './support/console-browser.js';
import { startApi, startWorker, type TestApi } from './support/test-apps.js';

/**
 * The web console in headless Chromium against the real API and worker: a mediator accepts an
 * offer and closes the case with an agreement; intake routes a triage case; a supervisor sees
 * the settlement rate move and downloads the XLSX; a mediator keeps notes and attachments on a
 * case (refused types and sizes answered in Chinese); a volunteer lawyer co-mediating a collective
 * dispute works it but cannot close it; a supervisor reassigns a case and appoints a co-mediating
 * lawyer from the engine's candidates, told which rule a choice sets aside; an expired session
 * goes back to login; every main screen renders at 1024×768 without the page scrolling sideways
 * (screenshots in test-artifacts/console/).
 */
describe('web console', { timeout: 120_000 }, () => {
  let db: TestDatabase;
  let config: AppConfig;
  let api: TestApi;
  let worker: INestApplicationContext;
  let browser: ConsoleBrowser;
  let base: string;
  let adminToken: string;
  let adminPassword: string;
  let net: DemoNetworkResult;
  let attachmentsDir: string;
  const employer = '扬州和气五金制造有限公司';
  const code = creditCode();
  const users = {} as Record<
    'mediator' | 'intake' | 'supervisor' | 'lawyer',
    { username: string; password: string; token: string }
  >;

  const post = (token: string, path: string, body: object = {}) =>
    api.http.post(`/api/v1${path}`).set('authorization', bearer(token)).send(body);

  /** A case against the network's enterprise: offered to the village mediator. */
  async function offeredCase(): Promise<{ id: string; caseNo: string }> {
    const res = await post(users.intake.token, '/cases', {
      channel: 'walk_in',
      category: 'wages',
      description: '申请人反映和气五金拖欠工资两个月，共计两万元。',
      claimants: [{ name: '李四', phone: '13800001111', idNumber: '320102199001011232' }],
      employer: { name: employer, orgUnitId: net.units.E },
      amountClaimed: '20000.00',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    await waitForOffer(api, res.body.id);
    return { id: res.body.id, caseNo: res.body.caseNo };
  }

  async function shot(page: Page, name: string): Promise<void> {
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: join(CONSOLE_ARTIFACTS, `${name}.png`), fullPage: true });
  }

  async function signIn(page: Page, username: string, password: string): Promise<void> {
    page.on('pageerror', (err) => console.error(`[console page error] ${err.message}`));
    // Each page of the context shares localStorage: start signed out.
    await page.goto(`${base}/login`);
    // (Browser-side code as strings: the test tsconfig has no DOM types.)
    await page.evaluate('localStorage.clear()');
    await page.goto(`${base}/login`);
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill(password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('current-user').waitFor();
  }

  /** Nothing on the page is wider than the 1024-pixel tablet screen. */
  async function expectNoSidewaysScroll(page: Page): Promise<void> {
    const width = (await page.evaluate('document.documentElement.scrollWidth')) as number;
    expect(width).toBeLessThanOrEqual(1024);
  }

  /** Picks an Ant Design Select option; retried while the dropdown is still animating in. */
  async function pickOption(page: Page, fieldLabel: string, option: string): Promise<void> {
    const chosen = page.locator(
      `.ant-select-content[title="${option}"], .ant-select-selection-item[title="${option}"]`,
    );
    for (let attempt = 0; attempt < 3 && (await chosen.count()) === 0; attempt++) {
      await page.getByLabel(fieldLabel, { exact: true }).click();
      const picked = await page
        .locator(`.ant-select-item-option[title="${option}"]`)
        .click({ timeout: 3_000 })
        .then(() => true)
        .catch(() => false);
      if (picked)
        await chosen
          .first()
          .waitFor({ timeout: 3_000 })
          .catch(() => undefined);
      else await page.keyboard.press('Escape');
    }
    await chosen.first().waitFor();
  }

  beforeAll(async () => {
    ensureConsoleBuilt();
    db = await createTestDatabase();
    attachmentsDir = mkdtempSync(join(tmpdir(), 'heqi-console-attachments-'));
    config = testConfig(db.url, {
      HEQI_ATTACHMENTS_DIR: attachmentsDir,
      // 64 KB, so the size limit is cheap to reach.
      HEQI_ATTACHMENT_MAX_MB: '0.0625',
    });
    api = await startApi(config);
    worker = await startWorker(config);
    base = `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`;
    adminPassword = config.adminPassword;
    adminToken = (await loginAsAdmin(api)).accessToken;
    net = await buildNetwork(
      api,
      [
        { ref: 'D', name: '和平区', level: 'district' },
        { ref: 'T', name: '和平镇', level: 'town', parent: 'D' },
        { ref: 'T2', name: '安宁镇', level: 'town', parent: 'D' },
        { ref: 'V', name: '和平村', level: 'village', parent: 'T' },
        { ref: 'E', name: employer, level: 'enterprise', parent: 'V', creditCode: code },
      ],
      [
        { ref: 'village', unit: 'V', kind: 'village_mediator', capacity: 20 },
        // Lead and co-mediator of the collective dispute (town level, with a volunteer lawyer).
        { ref: 'town', unit: 'T' },
        { ref: 'lawyer', unit: 'D', kind: 'volunteer_lawyer', lawFirm: '正和律师事务所' },
        {
          ref: 'town2',
          unit: 'T2',
          skills: [DisputeCategory.Wages, DisputeCategory.Contract, DisputeCategory.Other],
        },
      ],
    );
    const make = async (
      key: keyof typeof users,
      roles: string[],
      orgUnitId: string,
      mediatorId?: string,
    ) => {
      const username = `console.${key}`;
      const created = await createUser(api, adminToken, {
        username,
        displayName: {
          mediator: '王调解',
          intake: '赵受理',
          supervisor: '钱督导',
          lawyer: '张律师',
        }[key],
        roles,
        orgUnitId,
        ...(mediatorId && { mediatorId }),
      });
      users[key] = { username, password: created.password, token: created.token };
    };
    await make('mediator', ['mediator'], net.units.V!, net.mediators.village);
    await make('intake', ['intake'], net.units.D!);
    await make('supervisor', ['supervisor'], net.units.D!);
    await make('lawyer', ['volunteer'], net.units.D!, net.mediators.lawyer);
    browser = await launchConsoleBrowser();
  });

  // A failed test leaves a picture of every page it had open.
  afterEach(async (ctx) => {
    if (ctx.task.result?.state !== 'fail') return;
    for (const [i, page] of (browser?.context.pages() ?? []).entries()) {
      await page
        .screenshot({
          path: join(CONSOLE_ARTIFACTS, `failed-${ctx.task.name.slice(0, 40)}-${i}.png`),
        })
        .catch(() => undefined);
    }
    for (const page of browser?.context.pages() ?? []) await page.close();
  });

  afterAll(async () => {
    await browser?.close();
    await worker?.close();
    await api?.close();
    await db?.drop();
    if (attachmentsDir) rmSync(attachmentsDir, { recursive: true, force: true });
  });

  it('serves the console at / and its routes, and leaves /api and /health to the API', async () => {
    const root = await api.http.get('/').expect(200);
    expect(root.text).toContain('<div id="root">');
    expect((await api.http.get('/cases/some-id').expect(200)).text).toContain('<div id="root">');
    await api.http.get('/api/v1/nothing-here').expect(404);
    expect((await api.http.get('/health')).body).toHaveProperty('status');
  });

  it('lets a mediator accept an offer and close the case with an agreement', async () => {
    const { id, caseNo } = await offeredCase();
    const page = await browser.context.newPage();
    await page.goto(`${base}/login`);
    await page.getByTestId('login-username').waitFor();
    await shot(page, '00-login');
    await signIn(page, users.mediator.username, users.mediator.password);

    // Lands on the offers, with a countdown to expiry.
    await expect.poll(() => page.url()).toContain('/offers');
    await page.getByTestId(`accept-${caseNo}`).waitFor();
    await expect
      .poll(() => page.getByTestId('offer-countdown').first().innerText())
      .toMatch(/剩余/);
    await expectNoSidewaysScroll(page);
    await shot(page, '01-mediator-offers');

    await page.getByTestId(`accept-${caseNo}`).click();
    await page.waitForURL(`**/cases/${id}`);
    await expect.poll(() => page.getByTestId('case-status').innerText()).toContain('调解中');
    expect(await caseRow(api, id)).toEqual({
      status: 'in_mediation',
      mediator_id: net.mediators.village,
    });
    await page.getByTestId('deadline-badge').first().waitFor();

    // Masked numbers; revealing them asks for a reason.
    await expect.poll(() => page.getByText('138****1111').count()).toBe(1);
    await page.getByTestId('reveal-button').click();
    await page.getByTestId('reason-input').fill('联系申请人确认调解时间');
    await page
      .getByRole('button', { name: '确 定' })
      .or(page.getByRole('button', { name: '确定' }))
      .click();
    await page.getByText('13800001111').waitFor();
    await expectNoSidewaysScroll(page);
    await shot(page, '02-case-detail');

    // A session is recorded (it also counts as the first contact).
    await page.getByRole('tab', { name: '调解记录' }).click();
    await page.getByTestId('add-session').click();
    await page.getByTestId('session-notes').fill('双方到场，用人单位同意分期支付。');
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await page.getByText('双方到场，用人单位同意分期支付。').waitFor();
    // The dialog is gone (its closing hands focus back to the page) before the next one opens.
    await page.getByTestId('session-notes').waitFor({ state: 'detached' });

    // Close: settled, with the agreement and two instalments.
    const due = (months: number) => {
      const d = new Date(Date.now() + 8 * 3_600_000);
      d.setUTCMonth(d.getUTCMonth() + months);
      return d.toISOString().slice(0, 10);
    };
    await page.getByTestId('close-case').click();
    await pickOption(page, '办结结果', '调解成功');
    await page
      .getByTestId('agreement-terms')
      .fill('被申请人于两个月内分两期支付申请人工资共计两万元。');
    await page.getByTestId('agreement-amount').fill('20000');
    await page.getByTestId('add-instalment').click();
    const dates = page.getByPlaceholder('到期日');
    const amounts = page.getByPlaceholder('金额（元）');
    for (const [i, [date, amount]] of [
      [due(1), '12000'],
      [due(2), '8000'],
    ].entries()) {
      await dates.nth(i).click();
      await dates.nth(i).fill(date);
      await dates.nth(i).press('Enter');
      await amounts.nth(i).fill(amount);
    }
    await page.getByTestId('close-summary').fill('经两次调解，双方自愿达成分期支付协议。');
    await shot(page, '03-close-case');
    await page.locator('#close-submit').click();
    await expect
      .poll(() => page.getByTestId('case-status').innerText(), { timeout: 15_000 })
      .toContain('调解成功');
    const rows = (await dataSourceOf(api).query(
      `SELECT status, outcome, amount_agreed FROM mediation_case WHERE id = $1`,
      [id],
    )) as {
      status: string;
      outcome: string;
      amount_agreed: string;
    }[];
    expect(rows[0]).toMatchObject({ status: 'closed', outcome: 'settled' });
    expect(Number(rows[0]!.amount_agreed)).toBe(20000);

    // The agreement PDF downloads.
    const download = page.waitForEvent('download');
    await page.getByTestId('agreement-pdf').click();
    const pdf = join(CONSOLE_ARTIFACTS, `agreement-${caseNo}.pdf`);
    await (await download).saveAs(pdf);
    expect(readFileSync(pdf).subarray(0, 4).toString()).toBe('%PDF');
    await page.getByRole('tab', { name: '协议履行' }).click();
    await page.getByText('¥12,000.00').first().waitFor();

    // The first instalment is paid.
    await page.getByRole('button', { name: '记录履行' }).click();
    await page.getByLabel('金额（元）').fill('12000');
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await page.locator('.ant-tag', { hasText: '已履行' }).waitFor();
    const ledger = await api.http
      .get(`/api/v1/cases/${id}/payments`)
      .set('authorization', bearer(users.mediator.token));
    expect(ledger.body).toMatchObject({ amountPaid: '12000.00', outstanding: '8000.00' });
    await shot(page, '04-case-closed');

    await page.goto(`${base}/my-cases`);
    await page.locator('.ant-segmented-item', { hasText: '已办结' }).click();
    await page.getByText(caseNo).waitFor();
    await shot(page, '05-mediator-cases');
    await page.close();
  });

  it('lets intake route a triage case to a unit picked from the tree', async () => {
    const res = await post(users.intake.token, '/cases', {
      channel: 'walk_in',
      category: 'wages',
      description: '被拖欠工资。',
      claimants: [{ name: '孙五', phone: '13900002222' }],
      employer: { name: '无名小店' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.status).toBe('triage');
    const { id, caseNo } = res.body as { id: string; caseNo: string };

    const page = await browser.context.newPage();
    await signIn(page, users.intake.username, users.intake.password);
    await expect.poll(() => page.url()).toContain('/triage');
    await page.getByTestId(`route-${caseNo}`).click();
    await expectNoSidewaysScroll(page);
    await page.locator('.ant-modal .ant-select').click();
    await page
      .locator('.ant-select-tree-treenode', { hasText: '和平区' })
      .locator('.ant-select-tree-switcher')
      .click();
    await page.locator('.ant-select-tree-title', { hasText: '和平镇（镇/街道）' }).click();
    await shot(page, '06-intake-route');
    await page.locator('#route-submit').click();
    await expect
      .poll(async () => (await caseRow(api, id)).status, { timeout: 15_000 })
      .not.toBe('triage');
    const [row] = (await dataSourceOf(api).query(
      `SELECT org_unit_id FROM mediation_case WHERE id = $1`,
      [id],
    )) as {
      org_unit_id: string;
    }[];
    expect(row!.org_unit_id).toBe(net.units.T);
    await page.getByTestId(`route-${caseNo}`).waitFor({ state: 'detached' });
    await shot(page, '07-intake-triage');

    // The walk-in form answers in Chinese.
    await page.goto(`${base}/intake/register`);
    await page.getByTestId('register-submit').click();
    await page.getByText('请选择争议类别').waitFor();
    await page.getByText('请填写申请人姓名').waitFor();
    await expectNoSidewaysScroll(page);
    await shot(page, '08-intake-register');
    // A 12345 export: one good row, one without its order number; the report shows both.
    await page.goto(`${base}/intake/import`);
    await page.getByText('点击或拖入 CSV / XLSX 文件').waitFor();
    await page.locator('input[type=file]').setInputFiles({
      name: '12345工单导出.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        '工单编号,标题,诉求内容\n' +
          'JS12345-20261123-000901,拖欠工资,来电人反映某五金厂拖欠10余名工人工资3万余元。\n' +
          ',缺少编号,来电人反映被拖欠工资。\n',
      ),
    });
    const report = page.getByTestId('import-report');
    await report.waitFor();
    await expect.poll(() => report.locator('.ant-statistic').nth(1).innerText()).toContain('1');
    await report.locator('.ant-table-row', { hasText: '3' }).first().waitFor();
    const [imported] = (await dataSourceOf(api).query(
      `SELECT count(*)::int AS n FROM hotline_order WHERE order_no = 'JS12345-20261123-000901'`,
    )) as { n: number }[];
    expect(imported!.n).toBe(1);
    await shot(page, '09-intake-import');
    await page.close();
  });

  it('shows a supervisor the settlement rate moving, and downloads the XLSX', async () => {
    const page = await browser.context.newPage();
    await signIn(page, users.supervisor.username, users.supervisor.password);
    await expect.poll(() => page.url()).toContain('/dashboard');
    const rate = page.getByTestId('card-settlement').locator('.ant-statistic-content');
    await expect.poll(() => rate.innerText(), { timeout: 15_000 }).toContain('100.0%');
    await expectNoSidewaysScroll(page);
    await shot(page, '10-supervisor-dashboard');

    // A second case closes as failed: one settled out of two.
    const { id } = await offeredCase();
    expect((await post(users.mediator.token, `/cases/${id}/accept`)).status).toBe(200);
    const close = await post(users.mediator.token, `/cases/${id}/close`, {
      outcome: 'failed',
      reason: '双方对金额分歧过大',
      handlingSummary: '经调解双方未能达成一致，告知申请人申请仲裁。',
    });
    expect(close.status, JSON.stringify(close.body)).toBe(200);
    await expect
      .poll(
        async () => {
          await page
            .getByRole('button', { name: '刷 新' })
            .or(page.getByRole('button', { name: '刷新' }))
            .first()
            .click();
          await page.waitForLoadState('networkidle');
          return rate.innerText();
        },
        { timeout: 20_000 },
      )
      .toContain('50.0%');

    const download = page.waitForEvent('download');
    await page.getByTestId('download-xlsx').click();
    const xlsx = join(CONSOLE_ARTIFACTS, 'summary.xlsx');
    await (await download).saveAs(xlsx);
    expect(readFileSync(xlsx).subarray(0, 2).toString()).toBe('PK');
    await page.close();
  });

  it('lets a supervisor approve a pending extension from the deadlines screen', async () => {
    // A 12345 order (its reply deadline can be extended), taken in process: the push's signing
    // is tested elsewhere. Offered to the village mediator, who accepts and asks for 3 days.
    const orderNo = `CONSOLE-${Date.now()}`;
    const { results } = await api.app.get(IntakeService).receiveHotlineBatch({ keyId: 'test' }, [
      {
        orderNo,
        title: '和气五金拖欠工资',
        content: `来电人反映在${employer}工作，公司拖欠其工资8000元，诉求协调支付。`,
        employerName: employer,
        employerCreditCode: code,
        dispatchedAt: new Date().toISOString(),
      },
    ]);
    const caseId = (results[0] as { caseId: string }).caseId;
    await waitForOffer(api, caseId);
    expect((await post(users.mediator.token, `/cases/${caseId}/accept`)).status).toBe(200);
    const asked = await post(users.mediator.token, `/cases/${caseId}/extensions`, {
      deadline: 'hotline_reply',
      days: 3,
      reason: '用人单位负责人出差，需延后调解',
    });
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    const caseNo = (
      await api.http
        .get(`/api/v1/cases/${caseId}`)
        .set('authorization', bearer(users.supervisor.token))
    ).body.caseNo as string;

    const page = await browser.context.newPage();
    await signIn(page, users.supervisor.username, users.supervisor.password);
    await page.goto(`${base}/supervision/deadlines`);
    await page.getByRole('tab', { name: '待审批延期' }).click();
    const row = page.locator('tr', { hasText: caseNo });
    await row.waitFor();
    await shot(page, '12-supervisor-pending-extension');
    await row.getByRole('button', { name: /批\s*准/ }).click();
    await page.getByText('没有待审批的延期申请').waitFor();

    const list = await api.http
      .get(`/api/v1/cases/${caseId}/extensions`)
      .set('authorization', bearer(users.supervisor.token));
    expect(list.body.items.map((e: { state: string; days: number }) => [e.state, e.days])).toEqual([
      ['approved', 3],
    ]);
    await page.close();
  });

  it('lets a mediator keep internal notes and attachments on a case', async () => {
    const { id } = await offeredCase();
    expect((await post(users.mediator.token, `/cases/${id}/accept`)).status).toBe(200);
    expect(
      (await post(users.mediator.token, `/cases/${id}/notes`, { body: '已电话联系申请人。' }))
        .status,
    ).toBe(201);
    const page = await browser.context.newPage();
    await signIn(page, users.mediator.username, users.mediator.password);
    await page.goto(`${base}/cases/${id}`);

    // A note added here is listed above the older one, with its author.
    await page.getByRole('tab', { name: '内部备注' }).click();
    await page.getByText('已电话联系申请人。').waitFor();
    await page.getByTestId('note-body').fill('用人单位负责人下周二到场，需准备工资表。');
    await page.getByTestId('add-note').click();
    const notes = page.getByRole('tabpanel', { name: '内部备注' }).locator('.ant-list-item');
    await expect.poll(() => notes.count()).toBe(2);
    expect(await notes.first().innerText()).toContain('用人单位负责人下周二到场，需准备工资表。');
    expect(await notes.first().innerText()).toContain('王调解');
    await expect.poll(() => page.getByTestId('note-body').inputValue()).toBe('');
    await expectNoSidewaysScroll(page);
    await shot(page, '13-case-notes');

    // A PDF is uploaded, listed with its type, size and uploader, and downloads byte for byte.
    await page.getByRole('tab', { name: '附件' }).click();
    const pdf = Buffer.from('%PDF-1.4\n% 工资条\n1 0 obj\n<<>>\nendobj\n%%EOF\n');
    const pane = page.getByRole('tabpanel', { name: '附件' });
    const picker = pane.locator('input[type=file]');
    await picker.setInputFiles({ name: '工资条.pdf', mimeType: 'application/pdf', buffer: pdf });
    const row = pane.locator('.ant-table-row', { hasText: '工资条.pdf' });
    await row.waitFor();
    for (const cell of ['PDF', `${pdf.length} B`, '王调解']) {
      await row.getByText(cell, { exact: true }).waitFor();
    }
    const download = page.waitForEvent('download');
    await row.getByTestId('download-工资条.pdf').click();
    const saved = join(CONSOLE_ARTIFACTS, 'attachment-工资条.pdf');
    await (await download).saveAs(saved);
    expect(Buffer.compare(readFileSync(saved), pdf)).toBe(0);

    // Refusals are shown in the API's own words: a Windows program, then a file over 64 KB.
    await picker.setInputFiles({
      name: '工具.exe',
      mimeType: 'application/x-msdownload',
      buffer: Buffer.from('MZ\x90\x00\x03\x00\x00\x00'),
    });
    await expect
      .poll(() => page.getByTestId('attachment-error').innerText())
      .toContain('不支持该文件类型');
    await expectNoSidewaysScroll(page);
    await shot(page, '14-case-attachments');
    await picker.setInputFiles({
      name: '扫描件.png',
      mimeType: 'image/png',
      buffer: Buffer.alloc(70 * 1024, 1),
    });
    await expect
      .poll(() => page.getByTestId('attachment-error').innerText())
      .toContain('文件超过大小限制');
    expect(await pane.locator('.ant-table-row').count()).toBe(1);

    const stored = await api.http
      .get(`/api/v1/cases/${id}/attachments`)
      .set('authorization', bearer(users.supervisor.token));
    expect(stored.body.items.map((a: { fileName: string }) => a.fileName)).toEqual(['工资条.pdf']);
    // The timeline says a note was added (not what it says) and which file came in.
    await page.getByRole('tab', { name: '时间线' }).click();
    const timeline = page.getByRole('tabpanel', { name: '时间线' });
    await expect.poll(() => timeline.getByText('添加内部备注').count()).toBe(2);
    await timeline.getByText('文件：工资条.pdf').waitFor();
    await page.close();
  });

  it('lets a co-mediating volunteer lawyer work a collective dispute, but leaves closing to the lead', async () => {
    const id = await createCase(api, {
      orgUnitId: net.units.V!,
      collective: true,
      townLevel: true,
      workerCount: 15,
    });
    expect((await waitForOffer(api, id)).mediator_id).toBe(net.mediators.town);
    expect((await waitForOffer(api, id, 'co')).mediator_id).toBe(net.mediators.lawyer);
    const lead = await createUser(api, adminToken, {
      username: 'console.town',
      roles: ['mediator'],
      orgUnitId: net.units.T!,
      mediatorId: net.mediators.town!,
    });
    expect((await post(users.lawyer.token, `/cases/${id}/accept`)).status).toBe(200);
    expect((await post(lead.token, `/cases/${id}/accept`)).status).toBe(200);

    const page = await browser.context.newPage();
    await signIn(page, users.lawyer.username, users.lawyer.password);
    await page.goto(`${base}/cases/${id}`);
    await expect
      .poll(() => page.getByTestId('co-mediators').innerText())
      .toBe('协同调解：lawyer（志愿律师）');
    // The session buttons as for the lead; the close is the lead's alone.
    await page.getByRole('tab', { name: '调解记录' }).click();
    await page.getByTestId('add-session').waitFor();
    await page.getByTestId('first-contact').waitFor();
    expect(await page.getByTestId('close-case').count()).toBe(0);
    // The API takes the co-mediator's note.
    await page.getByRole('tab', { name: '内部备注' }).click();
    await page.getByTestId('note-body').fill('已与用人单位法务沟通，约定下周集体协商。');
    await page.getByTestId('add-note').click();
    const notes = page.getByRole('tabpanel', { name: '内部备注' }).locator('.ant-list-item');
    await expect.poll(() => notes.count()).toBe(1);
    expect(await notes.first().innerText()).toContain('张律师');
    await expectNoSidewaysScroll(page);
    await shot(page, '15-co-mediator-case');
    await page.close();
  });

  it('lets a supervisor reassign from the engine’s candidates, saying which rule a choice sets aside', async () => {
    const { id, caseNo } = await offeredCase();
    /** A mediator of the town, which covers the case's village. */
    const townMediator = async (body: object) => {
      const res = await post(adminToken, '/mediators', {
        kind: 'union_staff',
        orgUnitId: net.units.T,
        capacity: 10,
        ...body,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.id as string;
    };
    // No skill in wages: a rule a supervisor may set aside. Inactive: one they may not.
    const insurer = await townMediator({
      name: '孙调解',
      phone: '13900000001',
      skills: ['social_insurance'],
    });
    const retired = await townMediator({
      name: '周调解',
      phone: '13900000002',
      skills: ['wages'],
      active: false,
    });

    const page = await browser.context.newPage();
    await signIn(page, users.supervisor.username, users.supervisor.password);
    await page.goto(`${base}/cases/${id}`);
    await page.getByRole('button', { name: /改\s*派/ }).click();
    await page.getByLabel('调解员', { exact: true }).click();
    // The engine's first choice (the village mediator it offered the case to) leads the list.
    const first = page.getByTestId(`candidate-${net.mediators.village}`);
    await expect.poll(() => first.innerText()).toMatch(/^1\. village\s+引擎首选/);
    const inactive = page.locator('.ant-select-item-option[title="周调解"]');
    expect(await inactive.getAttribute('aria-disabled')).toBe('true');
    expect(await page.getByTestId(`candidate-${retired}`).innerText()).toContain('已停用');
    // (The picture only: the list is usable at once, but fades in for a moment.)
    await page.waitForTimeout(500);
    await shot(page, '16-supervisor-reassign-candidates');
    await page.keyboard.press('Escape');

    await pickOption(page, '调解员', '孙调解');
    await expect
      .poll(() => page.getByTestId('reassign-override').innerText())
      .toContain('孙调解：不擅长该争议类别');
    await page.getByLabel('改派原因').fill('孙调解熟悉该企业，由其承办更利于调解');
    await shot(page, '17-supervisor-reassign-override');
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await expect
      .poll(() => caseRow(api, id))
      .toEqual({
        status: 'in_mediation',
        mediator_id: insurer,
      });
    const [event] = (await dataSourceOf(api).query(
      `SELECT data FROM case_event WHERE case_id = $1 AND type = 'assignment.reassigned'`,
      [id],
    )) as { data: { warnings: string[] } }[];
    expect(event!.data.warnings, caseNo).toEqual(['no_skill']);
    await page.close();
  });

  it('lets a supervisor appoint a co-mediating lawyer from the engine’s candidates', async () => {
    const { id } = await offeredCase();
    expect((await post(users.mediator.token, `/cases/${id}/accept`)).status).toBe(200);
    // A second lawyer of the district, without the case's category: an override.
    const res = await post(adminToken, '/mediators', {
      name: '吴律师',
      phone: '13900000003',
      kind: 'volunteer_lawyer',
      lawFirm: '明德律师事务所',
      orgUnitId: net.units.D,
      skills: ['work_injury'],
      capacity: 10,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const injuryLawyer = res.body.id as string;

    const page = await browser.context.newPage();
    await signIn(page, users.supervisor.username, users.supervisor.password);
    await page.goto(`${base}/cases/${id}`);
    await page.getByTestId('appoint-co-mediator').click();
    await page.getByLabel('志愿律师', { exact: true }).click();
    await expect
      .poll(() => page.getByTestId(`candidate-${net.mediators.lawyer}`).innerText())
      .toMatch(/^1\. lawyer\s+引擎首选/);
    // Only volunteer lawyers are candidates: the case's own (village) mediator is not listed.
    expect(await page.locator('.ant-select-item-option[title="village"]').count()).toBe(0);
    await page.keyboard.press('Escape');

    await pickOption(page, '志愿律师', '吴律师');
    await expect
      .poll(() => page.getByTestId('co-mediator-override').innerText())
      .toContain('吴律师：不擅长该争议类别');
    await page.getByLabel('指定原因').fill('申请人同时主张工伤待遇，请熟悉工伤的律师协同');
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    // The API's warnings are said before the dialog closes.
    await expect
      .poll(() => page.getByTestId('co-appoint-warnings').innerText())
      .toContain('不擅长该争议类别');
    const rows = (await dataSourceOf(api).query(
      `SELECT mediator_id FROM case_co_mediator WHERE case_id = $1 AND until IS NULL`,
      [id],
    )) as { mediator_id: string }[];
    expect(rows).toEqual([{ mediator_id: injuryLawyer }]);
    await shot(page, '18-supervisor-co-appoint-warnings');
    await page.close();
  });

  it('sends an expired session back to login with a message', async () => {
    const page = await browser.context.newPage();
    await signIn(page, users.supervisor.username, users.supervisor.password);
    // An expired access token alone: refreshed once, the page loads as if nothing happened.
    await page.evaluate(`(() => {
      const key = 'heqi.console.session';
      const session = JSON.parse(localStorage.getItem(key));
      localStorage.setItem(key, JSON.stringify({ ...session, accessToken: 'expired' }));
    })()`);
    await page.goto(`${base}/supervision/orders`);
    await page.getByText('没有待办的督办').waitFor();
    expect(page.url()).toContain('/supervision/orders');
    // A token the API no longer accepts, and a refresh token it never issued.
    await page.evaluate(`(() => {
      const key = 'heqi.console.session';
      const session = JSON.parse(localStorage.getItem(key));
      localStorage.setItem(key, JSON.stringify({ ...session, accessToken: 'expired', refreshToken: 'revoked' }));
    })()`);
    await page.goto(`${base}/supervision/orders`);
    await page.waitForURL('**/login');
    await expect.poll(() => page.getByTestId('login-notice').innerText()).toContain('登录已过期');
    await page.close();
  });

  it('renders every main screen at 1024×768', async () => {
    const page = await browser.context.newPage();
    const tour = async (prefix: string, paths: [string, string][]) => {
      for (const [path, name] of paths) {
        await page.goto(`${base}${path}`);
        await page.locator('.ant-card').first().waitFor();
        await shot(page, `${prefix}-${name}`);
        expect(await page.locator('.ant-result-warning').count(), `${path} failed to load`).toBe(0);
        await expectNoSidewaysScroll(page);
      }
    };
    await signIn(page, users.supervisor.username, users.supervisor.password);
    await tour('20-supervisor', [
      ['/supervision/deadlines', 'deadlines'],
      ['/supervision/unassigned', 'unassigned-load'],
      ['/supervision/orders', 'supervision-orders'],
      ['/cases', 'case-search'],
    ]);
    await page.getByTestId('logout').click();
    await signIn(page, 'admin', adminPassword);
    await tour('30-admin', [
      ['/admin/network', 'network'],
      ['/admin/users', 'users'],
      ['/admin/hotline-keys', 'hotline-keys'],
      ['/admin/calendar', 'calendar'],
      ['/admin/clock-policies', 'clock-policies'],
      ['/notifications', 'notifications'],
    ]);
    await page.close();
  });
});
