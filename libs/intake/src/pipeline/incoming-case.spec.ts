import { describe, expect, it } from 'vitest';
import { DisputeCategory } from '@heqi/core';
import { CaseChannel } from '@heqi/cases';
import { OrgUnitLevel } from '@heqi/network';
import type { ResolvedJurisdiction } from '../routing/jurisdiction-resolver.service.js';
import { type IncomingCase, enrich, prepare } from './incoming-case.js';

const incoming = (over: Partial<IncomingCase> = {}): IncomingCase => ({
  channel: CaseChannel.Hotline,
  title: '关于扬州华泰建材有限公司劳动纠纷的诉求',
  description: '来电人反映其与31余名工友在该公司务工，公司拖欠工资约6万元，请求协调处理。',
  category: null,
  hotlineCategory: '劳动保障-拖欠工资',
  claimants: [{ name: '曾平', phone: '13886023301' }],
  employer: { name: null, creditCode: null, unitId: null },
  eventAddress: null,
  amountClaimed: null,
  workerCount: null,
  urgent: false,
  receivedAt: new Date('2026-11-02T11:00:00Z'),
  handlingUnitCode: null,
  callerDistrictId: null,
  hotline: null,
  ...over,
});

const enterprise = {
  id: 'e0000000-0000-4000-8000-000000000001',
  name: '扬州华泰建材有限公司',
  level: OrgUnitLevel.Enterprise,
  path: '/d/t/v/e0000000-0000-4000-8000-000000000001/',
  parentId: 'v',
  code: null,
  creditCode: '913210124LR7H85JKK',
};
const atEnterprise: ResolvedJurisdiction = {
  unitId: enterprise.id,
  triage: false,
  districtId: 'd',
  townId: 't',
  employerUnit: enterprise,
  employerNameKey: '扬州华泰建材',
  routing: {
    by: 'employer_name',
    matched: enterprise.name,
    unitId: enterprise.id,
    districtId: 'd',
    districtBy: 'unit',
  },
};

describe('enrich', () => {
  it('fills what the form left out and says so; the label alone is not an extraction', () => {
    const e = enrich(incoming());
    expect(e).toMatchObject({
      category: DisputeCategory.Wages,
      employerName: '扬州华泰建材有限公司',
      amountClaimed: '60000.00',
      workerCount: 32,
      extractedFields: ['employerName', 'amountClaimed', 'workerCount'],
      routingFacts: { employerName: '扬州华泰建材有限公司' },
    });
  });

  it('keeps given fields over extracted ones', () => {
    const e = enrich(
      incoming({
        category: DisputeCategory.WorkInjury,
        employer: { name: '别的公司', creditCode: null, unitId: null },
        amountClaimed: '100.00',
        workerCount: 2,
      }),
    );
    expect(e).toMatchObject({
      category: DisputeCategory.WorkInjury,
      employerName: '别的公司',
      amountClaimed: '100.00',
      workerCount: 2,
      extractedFields: [],
    });
  });

  it('marks the category extracted when the text overrules the label', () => {
    const e = enrich(incoming({ description: '来电人在工地受伤，公司不支付医疗费。' }));
    expect(e.category).toBe(DisputeCategory.WorkInjury);
    expect(e.extractedFields).toContain('category');
  });
});

describe('prepare', () => {
  it('places a collective dispute at the town, urgent, on the enterprise cluster', () => {
    const p = prepare(enrich(incoming()), atEnterprise);
    expect(p.draft).toMatchObject({
      orgUnitId: 't',
      triage: false,
      collective: true,
      urgent: true,
      townLevel: true,
      employer: { name: enterprise.name, creditCode: enterprise.creditCode, unitId: enterprise.id },
      routing: { by: 'employer_name', collective: true, placedAt: 't' },
    });
    expect(p.cluster).toEqual({
      key: `unit:${enterprise.id}`,
      employerName: enterprise.name,
      unitId: 't',
      at: new Date('2026-11-02T11:00:00Z'),
      workers: 32,
    });
    expect(p.claim).toBeNull();
  });

  it('keeps a single worker at the enterprise and claims the order with the case id', () => {
    const hotline = {
      orderNo: 'A-1',
      source: 'push' as const,
      keyId: 'k',
      hotlineCategory: null,
      urgency: 'urgent' as const,
      dispatchedAt: new Date(),
    };
    const p = prepare(enrich(incoming({ workerCount: 1, urgent: true, hotline })), atEnterprise);
    expect(p.draft).toMatchObject({ orgUnitId: enterprise.id, collective: false, urgent: true });
    expect(p.claim).toEqual({ ...hotline, caseId: p.draft.id });
  });

  it('clusters an unregistered employer on its normalised name, and nothing without one', () => {
    const triage: ResolvedJurisdiction = {
      ...atEnterprise,
      unitId: 'd',
      triage: true,
      townId: null,
      employerUnit: null,
      employerNameKey: '好又多超市',
    };
    expect(prepare(enrich(incoming({ workerCount: 1 })), triage).cluster).toMatchObject({
      key: 'name:好又多超市',
      unitId: 'd',
    });
    const anonymous = prepare(
      enrich(incoming({ title: null, description: '被拖欠工资', workerCount: 1 })),
      { ...triage, employerNameKey: null },
    );
    expect(anonymous.cluster).toBeNull();
    expect(anonymous.draft).toMatchObject({ orgUnitId: 'd', triage: true });
  });
});
