import { randomBytes, randomUUID } from 'node:crypto';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { expect } from 'vitest';
import { DisputeCategory, creditCodeCheckChar } from '@heqi/core';
import { type CaseDraft, CaseChannel, CasesService } from '@heqi/cases';
import { type DemoNetwork, type DemoNetworkResult, NetworkDemoService } from '@heqi/network';
import { waitFor } from '@heqi/testing';
import type { TestApi } from './test-apps.js';

/** A valid unified social credit code (GB 32100 check character), random otherwise. */
export function creditCode(): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const body = `913210${[...randomBytes(11)].map((b) => alphabet[b % alphabet.length]).join('')}`;
  return body + creditCodeCheckChar(body);
}

/** A mediator for {@link buildNetwork}: demo-loader fields plus state set afterwards. */
export interface WorldMediator {
  ref: string;
  unit: string;
  kind?: DemoNetwork['mediators'][number]['kind'];
  skills?: DisputeCategory[];
  capacity?: number;
  lawFirm?: string;
  active?: boolean;
  unavailableUntil?: Date | null;
  lastAssignedAt?: Date | null;
}

/**
 * Loads a network through the network lib's demo loader (as `npm run demo` does), then sets the
 * state the loader does not take (inactive, on leave, last assignment) directly.
 */
export async function buildNetwork(
  api: TestApi,
  units: DemoNetwork['units'],
  mediators: WorldMediator[],
): Promise<DemoNetworkResult> {
  const net = await api.app.get(NetworkDemoService).loadDemoNetwork({
    units,
    mediators: mediators.map((m) => ({
      ref: m.ref,
      name: m.ref,
      kind: m.kind ?? 'union_staff',
      unit: m.unit,
      skills: m.skills ?? [DisputeCategory.Wages, DisputeCategory.Contract],
      capacity: m.capacity ?? 10,
      ...(m.lawFirm && { lawFirm: m.lawFirm }),
    })),
  });
  const ds = dataSourceOf(api);
  for (const m of mediators) {
    if (m.active === undefined && m.unavailableUntil === undefined && !m.lastAssignedAt) continue;
    await ds.query(
      `UPDATE mediator SET active = coalesce($2, active), unavailable_until = $3,
              last_assigned_at = $4 WHERE id = $1`,
      [
        net.mediators[m.ref],
        m.active ?? null,
        m.unavailableUntil ?? null,
        m.lastAssignedAt ?? null,
      ],
    );
  }
  return net;
}

export const dataSourceOf = (api: TestApi): DataSource =>
  api.app.get<DataSource>(getDataSourceToken());

/** A case draft as intake makes it for a walk-in wage claim, `overrides` on top. */
export function caseDraft(overrides: Partial<CaseDraft> & Pick<CaseDraft, 'orgUnitId'>): CaseDraft {
  return {
    channel: CaseChannel.WalkIn,
    category: DisputeCategory.Wages,
    title: '拖欠工资',
    description: '申请人反映用人单位拖欠工资。',
    claimants: [{ name: '张三', phone: '13912345678' }],
    employer: { name: `扬州测试${randomUUID().slice(0, 6)}有限公司` },
    triage: false,
    collective: false,
    urgent: false,
    townLevel: false,
    extractedFields: [],
    receivedAt: new Date(),
    routing: { by: 'test' },
    ...overrides,
  };
}

/** Creates a queued case through the cases lib exactly as intake does (its AssignCase job too). */
export async function createCase(
  api: TestApi,
  overrides: Partial<CaseDraft> & Pick<CaseDraft, 'orgUnitId'>,
): Promise<string> {
  const [id] = await createCases(api, [overrides]);
  return id!;
}

/** {@link createCase} for many cases in one transaction, as a burst of intake writes them. */
export async function createCases(
  api: TestApi,
  drafts: readonly (Partial<CaseDraft> & Pick<CaseDraft, 'orgUnitId'>)[],
): Promise<string[]> {
  const cases = api.app.get(CasesService);
  return dataSourceOf(api).transaction(async (manager) => {
    const ids: string[] = [];
    for (const overrides of drafts) {
      ids.push((await cases.create(manager, caseDraft(overrides), { system: 'test-intake' })).id);
    }
    return ids;
  });
}

export interface OfferFacts {
  id: string;
  mediator_id: string;
  role: 'lead' | 'co';
  state: string;
  expires_at: Date;
}

/** The open offer of `role` of a case, once the engine made it. */
export function waitForOffer(
  api: TestApi,
  caseId: string,
  role: 'lead' | 'co' = 'lead',
  timeoutMs?: number,
): Promise<OfferFacts> {
  return waitFor(
    `${role} offer of ${caseId}`,
    async () =>
      (
        (await dataSourceOf(api).query(
          `SELECT id, mediator_id, role, state, expires_at FROM case_offer
            WHERE case_id = $1 AND role = $2 AND state = 'open'`,
          [caseId, role],
        )) as OfferFacts[]
      )[0],
    timeoutMs,
  );
}

/** The case's timeline events of `type`, oldest first. */
export async function eventsOf(
  api: TestApi,
  caseId: string,
  type: string,
): Promise<Record<string, unknown>[]> {
  const rows = (await dataSourceOf(api).query(
    `SELECT data FROM case_event WHERE case_id = $1 AND type = $2 ORDER BY id`,
    [caseId, type],
  )) as { data: Record<string, unknown> }[];
  return rows.map((r) => r.data);
}

/** Waits until the case has `count` events of `type`; returns the last. */
export async function waitForEvent(
  api: TestApi,
  caseId: string,
  type: string,
  count = 1,
  timeoutMs?: number,
): Promise<Record<string, unknown>> {
  return waitFor(
    `${count}× ${type} on ${caseId}`,
    async () => {
      const events = await eventsOf(api, caseId, type);
      return events.length >= count ? events[count - 1] : undefined;
    },
    timeoutMs,
  );
}

/** `{ mediatorId: reason }` of an `assignment.*` event's exclusions. */
export function exclusionsOf(event: Record<string, unknown>): Record<string, string> {
  const excluded = event.excluded as { mediatorId: string; reason: string }[];
  return Object.fromEntries(excluded.map((e) => [e.mediatorId, e.reason]));
}

export async function caseRow(
  api: TestApi,
  caseId: string,
): Promise<{ status: string; mediator_id: string | null }> {
  const [row] = (await dataSourceOf(api).query(
    `SELECT status, mediator_id FROM mediation_case WHERE id = $1`,
    [caseId],
  )) as { status: string; mediator_id: string | null }[];
  expect(row, `case ${caseId}`).toBeDefined();
  return row!;
}
