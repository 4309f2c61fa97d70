import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  type Actor,
  AuditLog,
  DisputeCategory,
  type FieldProblem,
  JobName,
  OutboxService,
  PiiCipher,
  type SqlStatement,
  type SystemActor,
  isUuid,
  withWrites,
} from '@heqi/core';
import { DeadlinesService } from '@heqi/deadlines';
import { CaseChannel } from './case-channel.enum.js';
import type { CaseDraft, CreatedCase } from './case-draft.js';
import { type StoredClaimant, protectClaimant } from './claimant-protection.js';
import { CaseEventType } from './case-event-type.enum.js';
import { CASE_SEQ_SQL, caseNoPrefix, shanghaiYear } from './case-number.js';
import { CaseStatus } from './case-status.enum.js';
import { CaseTimeline } from './case-timeline.service.js';
import { CaseError } from './cases.errors.js';

/** A 12345 work order to claim for a case (see {@link CasesService.claimHotlineOrder}). */
export interface HotlineOrderClaim {
  orderNo: string;
  /** The id the case will be created with (`CaseDraft.id`). */
  caseId: string;
  source: 'push' | 'import';
  /** The integration key that signed the push. */
  keyId?: string | null;
  /** The platform's category text, e.g. 劳动保障-拖欠工资. */
  hotlineCategory?: string | null;
  urgency: 'normal' | 'urgent';
  dispatchedAt: Date;
  replyDeadline?: Date | null;
  handlingUnitCode?: string | null;
}

/** Whether the order was claimed now, or which case already holds it. */
export type HotlineOrderClaimResult =
  { claimed: true } | { claimed: false; caseId: string; caseNo: string; status: CaseStatus };

/** A unit a case is placed at, with its district. */
interface Place {
  path: string;
  districtId: string;
  districtName: string;
}

/** One case of {@link CasesService.createMany}, as it will be written. */
interface NewCaseRow {
  id: string;
  draft: CaseDraft;
  by: Actor | SystemActor;
  unit: Place;
  claimants: StoredClaimant[];
  /** Lookup hashes of its claimants' numbers, without repeats. */
  hashes: string[];
  orgUnitId: string;
  orgPath: string;
  status: CaseStatus;
  year: number;
}

/** How many earlier cases of the same person are looked at (a count for staff, not a report). */
const PREVIOUS_CASES_LIMIT = 200;
const MONEY = /^\d{1,12}(\.\d{1,2})?$/;
const CATEGORIES = new Set<string>(Object.values(DisputeCategory));
const CHANNELS = new Set<string>(Object.values(CaseChannel));

/**
 * Creating cases: the door intake uses for every channel (hotline push and import, walk-in,
 * online, 12351, court referral). Everything happens inside the caller's transaction, so an
 * order claim, the case, its number, claimants, timeline, audit and the job it implies commit
 * or roll back together.
 */
@Injectable()
export class CasesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(PiiCipher) private readonly cipher: PiiCipher,
    @Inject(AuditLog) private readonly audit: AuditLog,
    @Inject(OutboxService) private readonly outbox: OutboxService,
    @Inject(CaseTimeline) private readonly timeline: CaseTimeline,
    @Inject(DeadlinesService) private readonly deadlines: DeadlinesService,
  ) {}

  /**
   * Creates a case from a draft inside the caller's transaction (`manager`): allocates its
   * number, stores the claimants with their numbers encrypted, writes the `case.received` and
   * `case.triaged`/`case.queued` events and the `case.create` audit entry, and, when queued,
   * the `AssignCase` job through the outbox; starts the case's clocks (deadlines). One case of
   * {@link createMany}.
   *
   * @throws CaseError `CASE_INVALID` when the draft breaks a rule (unknown or inactive unit, bad
   * amount…), naming the fields.
   */
  async create(
    manager: EntityManager,
    draft: CaseDraft,
    by: Actor | SystemActor,
  ): Promise<CreatedCase> {
    const [created] = await this.createMany(manager, [{ draft, by }]);
    return created!;
  }

  /**
   * Creates many cases inside the caller's transaction, with what {@link create} writes for each,
   * in a fixed number of round trips whatever their count (multi-row statements): the unit,
   * earlier-case and clock-policy reads, the clocks, and last one statement holding the case
   * rows with their numbers and audit entries and everything that only references them —
   * claimants, timeline, outbox jobs, and the caller's `alongside` writes (`withWrites`: no
   * result is read from them; foreign keys between them are checked at the statement's end).
   * Answers in the order given.
   *
   * Case numbers are gap-free and unique per district and year: a `case_number_counter` row per
   * district-year, advanced by the count of new cases in the statement that inserts them. That
   * statement is the last one here — the clocks before it reference the cases under a foreign
   * key checked at commit (migration IntakeRoundTrips) — so a district's counter row is locked
   * only for that statement and the caller's commit (keep the work after `createMany` short),
   * and a rollback returns the numbers. A sequence would not lock at all, but would leave gaps
   * after every rolled-back intake; the short final lock keeps the promise. Round trips, not
   * rows, are what an intake under load waits for (bench/assignment), hence the one statement.
   *
   * @throws CaseError `CASE_INVALID` when a draft breaks a rule (unknown or inactive unit, bad
   * amount…), naming the fields; nothing is written then.
   */
  async createMany(
    manager: EntityManager,
    items: readonly { draft: CaseDraft; by: Actor | SystemActor }[],
    alongside: readonly SqlStatement[] = [],
  ): Promise<CreatedCase[]> {
    if (items.length === 0) return [];
    for (const { draft } of items) checkDraft(draft);
    const places = await this.placesOf(
      manager,
      items.map((i) => i.draft.orgUnitId),
    );

    const rows = items.map(({ draft, by }): NewCaseRow => {
      const unit = places.get(draft.orgUnitId)!;
      const claimants = draft.claimants.map((c) => protectClaimant(this.cipher, c));
      // The triage queue is the district's: a triage case sits at the district whatever unit
      // the draft named.
      return {
        id: draft.id ?? randomUUID(),
        draft,
        by,
        unit,
        claimants,
        hashes: [
          ...new Set(claimants.flatMap((c) => [c.phoneHash, c.idNumberHash]).filter(isString)),
        ],
        orgUnitId: draft.triage ? unit.districtId : draft.orgUnitId,
        orgPath: draft.triage ? `/${unit.districtId}/` : unit.path,
        status: draft.triage ? CaseStatus.Triage : CaseStatus.Queued,
        year: shanghaiYear(draft.receivedAt),
      };
    });
    const counted = await this.countPreviousCases(manager, rows);
    const previous = new Map(rows.map((r, i) => [r.id, counted[i]!]));

    // The statutory limit and limitation run from receipt, and a 12345 order's sign-for and
    // reply from its dispatch (= receivedAt): computed before anything is written.
    const clocks = await this.deadlines.planManyCaseClocks(
      manager,
      rows.map((r) => ({
        caseId: r.id,
        channel: r.draft.channel,
        category: r.draft.category,
        collective: r.draft.collective,
        receivedAt: r.draft.receivedAt,
        replyDeadline: r.draft.replyDeadline,
      })),
    );

    await this.deadlines.startPlanned(manager, clocks);
    const events = groupBy(rows, (r) => actorKey(r.by)).map((group) =>
      this.timeline.appendStatement(
        group[0]!.by,
        group.flatMap((r) => [
          {
            caseId: r.id,
            type: CaseEventType.Received,
            data: {
              channel: r.draft.channel,
              routing: r.draft.routing,
              extractedFields: r.draft.extractedFields,
              previousCases: previous.get(r.id)!,
              claimants: r.claimants.length,
            },
          },
          {
            caseId: r.id,
            type: r.draft.triage ? CaseEventType.Triaged : CaseEventType.Queued,
            data: { orgUnitId: r.orgUnitId },
          },
        ]),
      ),
    );
    const assignJobs = this.outbox.enqueueStatement(
      JobName.AssignCase,
      rows
        .filter((r) => r.status === CaseStatus.Queued)
        .map((r) => ({ payload: { caseId: r.id } })),
    );
    const numbers = await this.insertCases(manager, rows, [
      claimantsStatement(rows),
      ...events,
      assignJobs,
      ...alongside,
    ]);
    return rows.map((r) => ({ id: r.id, caseNo: numbers.get(r.id)!, status: r.status }));
  }

  /**
   * The last statement of {@link createMany}: advances each district-year counter by its count
   * of new cases, numbers the cases in the order given, inserts them and their `case.create`
   * audit entries. Returns each case's number by id.
   */
  private async insertCases(
    manager: EntityManager,
    rows: readonly NewCaseRow[],
    alongside: readonly (SqlStatement | null)[],
  ): Promise<Map<string, string>> {
    const column = <T>(pick: (r: NewCaseRow) => T): T[] => rows.map(pick);
    const cases: SqlStatement = {
      sql: `WITH input AS (
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[],
                              $6::text[], $7::uuid[], $8::uuid[], $9::boolean[], $10::boolean[],
                              $11::boolean[], $12::text[], $13::text[], $14::uuid[], $15::text[],
                              $16::numeric[], $17::int[], $18::text[], $19::uuid[],
                              $20::timestamptz[], $21::uuid[], $22::int[], $23::text[],
                              $24::text[], $25::text[], $26::text[], $27::text[])
                WITH ORDINALITY AS i(id, channel, status, category, title, description,
                                     org_unit_id, district_id, collective, urgent, town_level,
                                     employer_name, employer_credit_code, employer_unit_id,
                                     event_address, amount_claimed, worker_count, extracted_fields,
                                     cluster_id, received_at, created_by, year, prefix,
                                     actor_name, org_path, ip, request_id, n)
       ),
       need AS (
         SELECT district_id, year, count(*)::int AS k FROM input GROUP BY district_id, year
       ),
       counter AS (
         INSERT INTO case_number_counter AS c (district_id, year, last_no)
         SELECT district_id, year, k FROM need ORDER BY district_id, year
         ON CONFLICT (district_id, year) DO UPDATE SET last_no = c.last_no + EXCLUDED.last_no
         RETURNING c.district_id, c.year, c.last_no
       ),
       numbered AS (
         SELECT i.*,
                i.prefix || ${CASE_SEQ_SQL('c.last_no - need.k + row_number() OVER (PARTITION BY i.district_id, i.year ORDER BY i.n)')}
                  AS case_no
           FROM input i
           JOIN need USING (district_id, year)
           JOIN counter c USING (district_id, year)
       ),
       cases AS (
         INSERT INTO mediation_case (
           id, case_no, channel, status, category, title, description, org_unit_id, district_id,
           collective, urgent, town_level, employer_name, employer_credit_code, employer_unit_id,
           event_address, amount_claimed, worker_count, extracted_fields, cluster_id, received_at,
           created_by)
         SELECT id, case_no, channel, status, category, title, description, org_unit_id,
                district_id, collective, urgent, town_level, employer_name, employer_credit_code,
                employer_unit_id, event_address, amount_claimed, worker_count,
                string_to_array(extracted_fields, ','), cluster_id, received_at, created_by
           FROM numbered ORDER BY n
         RETURNING id, case_no
       ),
       audit AS (
         INSERT INTO audit_log (actor_id, actor_name, action, object_type, object_id, org_path,
                                ip, request_id, data)
         SELECT created_by, actor_name, 'case.create', 'case', id::text, org_path, ip, request_id,
                jsonb_build_object('caseNo', case_no, 'channel', channel, 'status', status,
                                   'orgUnitId', org_unit_id, 'category', category)
           FROM numbered ORDER BY n
       )
       SELECT id, case_no FROM cases`,
      params: [
        column((r) => r.id),
        column((r) => r.draft.channel),
        column((r) => r.status),
        column((r) => r.draft.category),
        column((r) => blankToNull(r.draft.title)),
        column((r) => r.draft.description.trim()),
        column((r) => r.orgUnitId),
        column((r) => r.unit.districtId),
        column((r) => r.draft.collective),
        column((r) => r.draft.urgent),
        column((r) => r.draft.townLevel),
        column((r) => blankToNull(r.draft.employer.name)),
        column((r) => blankToNull(r.draft.employer.creditCode)),
        column((r) => r.draft.employer.unitId ?? null),
        column((r) => blankToNull(r.draft.eventAddress)),
        column((r) => r.draft.amountClaimed ?? null),
        column((r) => r.draft.workerCount ?? null),
        column((r) => [...new Set(r.draft.extractedFields)].join(',')),
        column((r) => r.draft.clusterId ?? null),
        column((r) => r.draft.receivedAt),
        column((r) => ('userId' in r.by ? r.by.userId : null)),
        column((r) => r.year),
        column((r) => caseNoPrefix(r.unit.districtName, r.year)),
        column((r) => ('userId' in r.by ? r.by.username : r.by.system)),
        column((r) => r.orgPath),
        column((r) => r.by.ip ?? null),
        column((r) => r.by.requestId ?? null),
      ],
    };
    const { sql, params } = withWrites(
      cases,
      alongside.filter((w): w is SqlStatement => w !== null),
    );
    const inserted = (await manager.query(sql, params)) as { id: string; case_no: string }[];
    return new Map(inserted.map((r) => [r.id, r.case_no]));
  }

  /**
   * Claims a 12345 order number for `caseId` inside the caller's transaction, before the case
   * is created (the foreign key is checked at commit). The primary key decides, not a prior
   * read: a concurrent first claim makes this statement wait until that transaction ends, then
   * either find its order (and answer with its case) or, if it rolled back, claim the number.
   */
  async claimHotlineOrder(
    manager: EntityManager,
    claim: HotlineOrderClaim,
  ): Promise<HotlineOrderClaimResult> {
    const inserted = (await manager.query(
      `INSERT INTO hotline_order (order_no, case_id, source, key_id, hotline_category, urgency,
                                  dispatched_at, reply_deadline, handling_unit_code)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (order_no) DO NOTHING
       RETURNING order_no`,
      [
        claim.orderNo,
        claim.caseId,
        claim.source,
        claim.keyId ?? null,
        claim.hotlineCategory ?? null,
        claim.urgency,
        claim.dispatchedAt,
        claim.replyDeadline ?? null,
        claim.handlingUnitCode ?? null,
      ],
    )) as unknown[];
    if (inserted.length > 0) return { claimed: true };

    const [existing] = (await manager.query(
      `SELECT c.id, c.case_no, c.status
         FROM hotline_order o JOIN mediation_case c ON c.id = o.case_id
        WHERE o.order_no = $1`,
      [claim.orderNo],
    )) as { id: string; case_no: string; status: CaseStatus }[];
    if (!existing) {
      // Only possible if the claiming transaction inserted the order without its case, which
      // the deferred foreign key refuses at commit.
      throw new Error(`hotline order ${claim.orderNo} is claimed but has no case`);
    }
    return {
      claimed: false,
      caseId: existing.id,
      caseNo: existing.case_no,
      status: existing.status,
    };
  }

  /**
   * {@link claimHotlineOrder} for many orders in one statement (plus one read for those already
   * claimed), answered in the order given. Pass distinct order numbers, sorted (every writer
   * claims in the same order, so two batches never wait on each other in a cycle); a number
   * claimed by a transaction still open makes this wait for it, as a single claim would.
   */
  async claimHotlineOrders(
    manager: EntityManager,
    claims: readonly HotlineOrderClaim[],
  ): Promise<HotlineOrderClaimResult[]> {
    if (claims.length === 0) return [];
    const column = <T>(pick: (c: HotlineOrderClaim) => T): T[] => claims.map(pick);
    const inserted = (await manager.query(
      `INSERT INTO hotline_order (order_no, case_id, source, key_id, hotline_category, urgency,
                                  dispatched_at, reply_deadline, handling_unit_code)
       SELECT * FROM unnest($1::text[], $2::uuid[], $3::text[], $4::text[], $5::text[],
                            $6::text[], $7::timestamptz[], $8::timestamptz[], $9::text[])
       ON CONFLICT (order_no) DO NOTHING
       RETURNING order_no`,
      [
        column((c) => c.orderNo),
        column((c) => c.caseId),
        column((c) => c.source),
        column((c) => c.keyId ?? null),
        column((c) => c.hotlineCategory ?? null),
        column((c) => c.urgency),
        column((c) => c.dispatchedAt),
        column((c) => c.replyDeadline ?? null),
        column((c) => c.handlingUnitCode ?? null),
      ],
    )) as { order_no: string }[];
    const claimed = new Set(inserted.map((r) => r.order_no));
    const taken = claims.filter((c) => !claimed.has(c.orderNo)).map((c) => c.orderNo);
    const existing = new Map<string, { id: string; case_no: string; status: CaseStatus }>();
    if (taken.length > 0) {
      const rows = (await manager.query(
        `SELECT o.order_no, c.id, c.case_no, c.status
           FROM hotline_order o JOIN mediation_case c ON c.id = o.case_id
          WHERE o.order_no = ANY($1::text[])`,
        [taken],
      )) as { order_no: string; id: string; case_no: string; status: CaseStatus }[];
      for (const r of rows) existing.set(r.order_no, r);
    }
    return claims.map((c): HotlineOrderClaimResult => {
      if (claimed.has(c.orderNo)) return { claimed: true };
      const found = existing.get(c.orderNo);
      if (!found) throw new Error(`hotline order ${c.orderNo} is claimed but has no case`);
      return { claimed: false, caseId: found.id, caseNo: found.case_no, status: found.status };
    });
  }

  /**
   * Ids of the cases (newest first, at most 200) with a claimant whose phone or ID number has
   * one of these lookup hashes (`PiiCipher.lookupHash`): the same caller's earlier cases.
   */
  async findPreviousCasesByClaimant(
    hashes: readonly string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<string[]> {
    if (hashes.length === 0) return [];
    const rows = (await manager.query(
      `SELECT c.id FROM mediation_case c
        WHERE c.id IN (SELECT case_id FROM claimant WHERE phone_hash = ANY($1::text[])
                       UNION
                       SELECT case_id FROM claimant WHERE id_number_hash = ANY($1::text[]))
        ORDER BY c.received_at DESC, c.id
        LIMIT $2`,
      [[...new Set(hashes)], PREVIOUS_CASES_LIMIT],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /**
   * The case's status, or null when there is no such case: what a job handler re-reads before
   * acting on a case.
   */
  async findStatus(caseId: string): Promise<CaseStatus | null> {
    if (!isUuid(caseId)) return null;
    const [row] = (await this.dataSource.query(`SELECT status FROM mediation_case WHERE id = $1`, [
      caseId,
    ])) as { status: CaseStatus }[];
    return row?.status ?? null;
  }

  /** The units drafts name, with their districts (the root of each path), by id. */
  private async placesOf(
    manager: EntityManager,
    orgUnitIds: readonly string[],
  ): Promise<Map<string, Place>> {
    const rows = (await manager.query(
      `SELECT u.id, u.path, u.active, d.id AS district_id, d.name AS district_name
         FROM org_unit u JOIN org_unit d ON d.id = split_part(u.path, '/', 2)::uuid
        WHERE u.id = ANY($1::uuid[])`,
      [[...new Set(orgUnitIds)]],
    )) as {
      id: string;
      path: string;
      active: boolean;
      district_id: string;
      district_name: string;
    }[];
    const byId = new Map(rows.map((u) => [u.id, u]));
    const places = new Map<string, Place>();
    for (const id of orgUnitIds) {
      const unit = byId.get(id);
      if (!unit) throw CaseError.invalid([{ field: 'orgUnitId', message: '组织单位不存在' }]);
      if (!unit.active) {
        throw CaseError.invalid([{ field: 'orgUnitId', message: '组织单位已停用' }]);
      }
      places.set(id, {
        path: unit.path,
        districtId: unit.district_id,
        districtName: unit.district_name,
      });
    }
    return places;
  }

  /**
   * For each new case, how many earlier cases share a claimant's phone or ID number (at most
   * {@link PREVIOUS_CASES_LIMIT}): those in the database and those earlier in the same list —
   * what creating them one after the other would have counted.
   *
   * One query for the whole list, per distinct number rather than per case, and never more
   * than the limit read per number (the claimant indexes are ordered by case within a number):
   * a caller with thousands of cases costs what one with 200 does. A number that reaches the
   * limit alone answers the limit for every case that has it; below it, its cases are returned
   * and the union per case is counted here.
   */
  private async countPreviousCases(
    manager: EntityManager,
    rows: readonly NewCaseRow[],
  ): Promise<number[]> {
    const hashes = [...new Set(rows.flatMap((r) => r.hashes))];
    const known = new Map<string, string[] | null>();
    if (hashes.length > 0) {
      const found = (await manager.query(
        `SELECT h.v AS hash, CASE WHEN cardinality(t.ids) < $2 THEN t.ids END AS ids
           FROM unnest($1::text[]) AS h(v)
           CROSS JOIN LATERAL (SELECT ARRAY(
             SELECT case_id FROM (SELECT DISTINCT case_id FROM claimant
                                   WHERE phone_hash = h.v ORDER BY case_id LIMIT $2) p
             UNION
             SELECT case_id FROM (SELECT DISTINCT case_id FROM claimant
                                   WHERE id_number_hash = h.v ORDER BY case_id LIMIT $2) i
           ) AS ids) t`,
        [hashes, PREVIOUS_CASES_LIMIT],
      )) as { hash: string; ids: string[] | null }[];
      for (const f of found) known.set(f.hash, f.ids);
    }
    const earlierInList = new Map<string, string[]>();
    return rows.map((r) => {
      const cases = new Set<string>();
      let saturated = false;
      for (const h of r.hashes) {
        const ids = known.get(h);
        if (ids === null) saturated = true;
        for (const id of ids ?? []) cases.add(id);
        for (const id of earlierInList.get(h) ?? []) cases.add(id);
      }
      for (const h of r.hashes) earlierInList.set(h, [...(earlierInList.get(h) ?? []), r.id]);
      return saturated ? PREVIOUS_CASES_LIMIT : Math.min(PREVIOUS_CASES_LIMIT, cases.size);
    });
  }
}

/** The claimants of new cases, in one multi-row insert; null when there are none. */
function claimantsStatement(rows: readonly NewCaseRow[]): SqlStatement | null {
  const all = rows.flatMap((r) =>
    r.claimants.map((c, position) => ({ ...c, caseId: r.id, position })),
  );
  if (all.length === 0) return null;
  const column = <K extends keyof (typeof all)[number]>(key: K) => all.map((c) => c[key]);
  return {
    sql: `INSERT INTO claimant (case_id, position, name, phone_enc, phone_hash, phone_masked,
                               id_number_enc, id_number_hash, id_number_masked)
          SELECT * FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[], $5::text[],
                               $6::text[], $7::text[], $8::text[], $9::text[])`,
    params: [
      column('caseId'),
      column('position'),
      column('name'),
      column('phoneEnc'),
      column('phoneHash'),
      column('phoneMasked'),
      column('idNumberEnc'),
      column('idNumberHash'),
      column('idNumberMasked'),
    ],
  };
}

/** Rules a draft must keep that intake's input validation may not have covered. */
function checkDraft(draft: CaseDraft): void {
  const problems: FieldProblem[] = [];
  const problem = (field: string, message: string) => problems.push({ field, message });
  if (draft.id !== undefined && !isUuid(draft.id)) problem('id', '必须是 UUID');
  if (!CHANNELS.has(draft.channel)) problem('channel', '受理渠道无效');
  if (!CATEGORIES.has(draft.category)) problem('category', '争议类别无效');
  if (!draft.description?.trim()) problem('description', '不能为空');
  if (!isUuid(draft.orgUnitId)) problem('orgUnitId', '组织单位不存在');
  if (draft.employer.unitId != null && !isUuid(draft.employer.unitId)) {
    problem('employer.unitId', '组织单位不存在');
  }
  if (draft.clusterId != null && !isUuid(draft.clusterId)) problem('clusterId', '必须是 UUID');
  if (draft.amountClaimed != null && !MONEY.test(draft.amountClaimed)) {
    problem('amountClaimed', '必须是金额（元，最多两位小数）');
  }
  if (
    draft.workerCount != null &&
    !(Number.isInteger(draft.workerCount) && draft.workerCount >= 1 && draft.workerCount <= 100_000)
  ) {
    problem('workerCount', '必须是 1 到 100000 之间的整数');
  }
  if (!(draft.receivedAt instanceof Date) || Number.isNaN(draft.receivedAt.getTime())) {
    problem('receivedAt', '必须是有效时间');
  }
  if (problems.length) throw CaseError.invalid(problems);
}

function blankToNull(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

function isString(value: string | null): value is string {
  return value !== null;
}

function actorKey(by: Actor | SystemActor): string {
  return 'userId' in by ? `user:${by.userId}:${by.username}` : `system:${by.system}`;
}

/** Groups in first-seen order, each group's items in their order. */
function groupBy<T>(items: readonly T[], key: (item: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return [...groups.values()];
}
