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
  type SystemActor,
  isUuid,
  maskIdNumber,
  maskPhone,
  normalizePii,
} from '@heqi/core';
import { DeadlinesService } from '@heqi/deadlines';
import { CaseChannel } from './case-channel.enum.js';
import type { CaseDraft, ClaimantInput, CreatedCase } from './case-draft.js';
import { CaseEventType } from './case-event-type.enum.js';
import { formatCaseNo, shanghaiYear } from './case-number.js';
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

/** What is stored for one claimant: the name, and each number encrypted, hashed and masked. */
interface StoredClaimant {
  name: string;
  phoneEnc: string | null;
  phoneHash: string | null;
  phoneMasked: string | null;
  idNumberEnc: string | null;
  idNumberHash: string | null;
  idNumberMasked: string | null;
}

/** How many earlier cases of the same person are looked at (a count for staff, not a report). */
const PREVIOUS_CASES_LIMIT = 200;
const MONEY = /^\d{1,12}(\.\d{1,2})?$/;
const CATEGORIES = new Set<string>(Object.values(DisputeCategory));
const CHANNELS = new Set<string>(Object.values(CaseChannel));

/** Shown when a claimant gave no name (hotline callers often do not). */
const UNNAMED_CLAIMANT = '来电人';

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
   * the `AssignCase` job through the outbox; starts the case's clocks (deadlines).
   *
   * The case number comes from a per-district-year counter row, incremented by an upsert in
   * this transaction: numbers are gap-free (a rollback returns the number) and unique under any
   * concurrency, at the price that creations in one district serialise on that row from the
   * upsert until the caller commits — keep the work after `create` short.
   *
   * @throws CaseError `CASE_INVALID` when the draft breaks a rule (unknown or inactive unit, bad
   * amount…), naming the fields.
   */
  async create(
    manager: EntityManager,
    draft: CaseDraft,
    by: Actor | SystemActor,
  ): Promise<CreatedCase> {
    checkDraft(draft);
    const id = draft.id ?? randomUUID();
    const unit = await this.placeOf(manager, draft.orgUnitId);
    const claimants = draft.claimants.map((c) => this.protect(c));
    const hashes = claimants.flatMap((c) => [c.phoneHash, c.idNumberHash]).filter(isString);
    const previous = await this.findPreviousCasesByClaimant(hashes, manager);

    // The triage queue is the district's: a triage case sits at the district whatever unit
    // the draft named.
    const orgUnitId = draft.triage ? unit.districtId : draft.orgUnitId;
    const orgPath = draft.triage ? `/${unit.districtId}/` : unit.path;
    const status = draft.triage ? CaseStatus.Triage : CaseStatus.Queued;
    const year = shanghaiYear(draft.receivedAt);

    // The statutory limit and limitation run from receipt, and a 12345 order's sign-for and
    // reply from its dispatch (= receivedAt). Computed here, written after the case row: the
    // work under the counter lock below stays short.
    const clocks = await this.deadlines.planCaseClocks(manager, {
      caseId: id,
      channel: draft.channel,
      category: draft.category,
      collective: draft.collective,
      receivedAt: draft.receivedAt,
    });

    // Last before the inserts: the counter row stays locked until the caller commits.
    const [{ last_no: seq }] = (await manager.query(
      `INSERT INTO case_number_counter AS n (district_id, year, last_no) VALUES ($1, $2, 1)
       ON CONFLICT (district_id, year) DO UPDATE SET last_no = n.last_no + 1
       RETURNING last_no`,
      [unit.districtId, year],
    )) as [{ last_no: number }];
    const caseNo = formatCaseNo(unit.districtName, year, seq);

    await manager.query(
      `INSERT INTO mediation_case (
         id, case_no, channel, status, category, title, description, org_unit_id, district_id,
         collective, urgent, town_level, employer_name, employer_credit_code, employer_unit_id,
         event_address, amount_claimed, worker_count, extracted_fields, cluster_id, received_at,
         created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,
               $19, $20, $21, $22)`,
      [
        id,
        caseNo,
        draft.channel,
        status,
        draft.category,
        blankToNull(draft.title),
        draft.description.trim(),
        orgUnitId,
        unit.districtId,
        draft.collective,
        draft.urgent,
        draft.townLevel,
        blankToNull(draft.employer.name),
        blankToNull(draft.employer.creditCode),
        draft.employer.unitId ?? null,
        blankToNull(draft.eventAddress),
        draft.amountClaimed ?? null,
        draft.workerCount ?? null,
        [...new Set(draft.extractedFields)],
        draft.clusterId ?? null,
        draft.receivedAt,
        'userId' in by ? by.userId : null,
      ],
    );
    await this.insertClaimants(manager, id, claimants);

    await this.timeline.append(manager, id, by, [
      {
        type: CaseEventType.Received,
        data: {
          channel: draft.channel,
          routing: draft.routing,
          extractedFields: draft.extractedFields,
          previousCases: previous.length,
          claimants: claimants.length,
        },
      },
      {
        type: draft.triage ? CaseEventType.Triaged : CaseEventType.Queued,
        data: { orgUnitId },
      },
    ]);
    await this.audit.record(manager, by, {
      action: 'case.create',
      objectType: 'case',
      objectId: id,
      orgPath,
      data: { caseNo, channel: draft.channel, status, orgUnitId, category: draft.category },
    });
    if (status === CaseStatus.Queued) {
      await this.outbox.enqueue(manager, JobName.AssignCase, { caseId: id });
    }
    await this.deadlines.startPlanned(manager, clocks);
    return { id, caseNo, status };
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

  /** The unit a draft names, with its district (the root of its path). */
  private async placeOf(
    manager: EntityManager,
    orgUnitId: string,
  ): Promise<{ path: string; districtId: string; districtName: string }> {
    const [unit] = (await manager.query(
      `SELECT u.path, u.active, d.id AS district_id, d.name AS district_name
         FROM org_unit u JOIN org_unit d ON d.id = split_part(u.path, '/', 2)::uuid
        WHERE u.id = $1`,
      [orgUnitId],
    )) as { path: string; active: boolean; district_id: string; district_name: string }[];
    if (!unit) throw CaseError.invalid([{ field: 'orgUnitId', message: '组织单位不存在' }]);
    if (!unit.active) throw CaseError.invalid([{ field: 'orgUnitId', message: '组织单位已停用' }]);
    return { path: unit.path, districtId: unit.district_id, districtName: unit.district_name };
  }

  /** Encrypts, hashes and masks a claimant's numbers; the clear values go no further. */
  private protect(input: ClaimantInput): StoredClaimant {
    const phone = blankToNull(input.phone);
    const idNumber = blankToNull(input.idNumber);
    const phoneNorm = phone === null ? null : normalizePii(phone);
    const idNorm = idNumber === null ? null : normalizePii(idNumber);
    return {
      name: blankToNull(input.name) ?? UNNAMED_CLAIMANT,
      phoneEnc: phoneNorm === null ? null : this.cipher.encrypt(phoneNorm),
      phoneHash: phoneNorm === null ? null : this.cipher.lookupHash(phoneNorm),
      phoneMasked: maskPhone(phoneNorm),
      idNumberEnc: idNorm === null ? null : this.cipher.encrypt(idNorm),
      idNumberHash: idNorm === null ? null : this.cipher.lookupHash(idNorm),
      idNumberMasked: maskIdNumber(idNorm),
    };
  }

  private async insertClaimants(
    manager: EntityManager,
    caseId: string,
    claimants: StoredClaimant[],
  ): Promise<void> {
    if (claimants.length === 0) return;
    const column = <K extends keyof StoredClaimant>(key: K) => claimants.map((c) => c[key]);
    await manager.query(
      `INSERT INTO claimant (case_id, position, name, phone_enc, phone_hash, phone_masked,
                             id_number_enc, id_number_hash, id_number_masked)
       SELECT $1, c.n - 1, c.name, c.phone_enc, c.phone_hash, c.phone_masked,
              c.id_number_enc, c.id_number_hash, c.id_number_masked
         FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                     $8::text[])
              WITH ORDINALITY AS c(name, phone_enc, phone_hash, phone_masked, id_number_enc,
                                   id_number_hash, id_number_masked, n)`,
      [
        caseId,
        column('name'),
        column('phoneEnc'),
        column('phoneHash'),
        column('phoneMasked'),
        column('idNumberEnc'),
        column('idNumberHash'),
        column('idNumberMasked'),
      ],
    );
  }
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
