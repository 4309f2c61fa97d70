import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import {
  type Actor,
  DomainError,
  type FieldProblem,
  Role,
  type SystemActor,
  hasRole,
  maskIdNumber,
  maskPhone,
} from '@heqi/core';
import { CaseError, CaseErrorCode, type CaseStatus } from '@heqi/cases';
import { OrgUnitsService } from '@heqi/network';
import { incomingFromOrder, type HotlineSource } from './hotline/hotline-incoming.js';
import { type HotlineOrderInput, checkHotlineOrder } from './hotline/hotline-order.input.js';
import { toMoney } from './input/field-rules.js';
import { IntakeError, IntakeErrorCode } from './intake.errors.js';
import type {
  BatchOrderResult,
  HotlineCaller,
  HotlineReceipt,
  RegisteredCase,
  WalkInInput,
} from './intake.types.js';
import { type IncomingCase, type PreparedCase, enrich, prepare } from './pipeline/incoming-case.js';
import {
  IntakeWriter,
  type WriteFailure,
  type WriteOutcome,
} from './pipeline/intake-writer.service.js';
import { JurisdictionResolver } from './routing/jurisdiction-resolver.service.js';

/** A batch order's outcome before it becomes an HTTP result or an import report line. */
export type OrderOutcome =
  | { orderNo: string; caseId: string; caseNo: string; status: CaseStatus; duplicate: boolean }
  | { orderNo?: string; error: { code: string; message: string; details?: FieldProblem[] } };

/**
 * The door of every new case: 12345 orders (pushed one by one, in batches, or imported) and
 * cases registered by staff (walk-in, online, 12351, court referral). Each case is read for
 * what its form left out, placed in the network, linked to the cluster of its employer and
 * created through the cases context — all of one case in one transaction.
 */
@Injectable()
export class IntakeService {
  private readonly logger = new Logger(IntakeService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(JurisdictionResolver) private readonly resolver: JurisdictionResolver,
    @Inject(IntakeWriter) private readonly writer: IntakeWriter,
    @Inject(OrgUnitsService) private readonly units: OrgUnitsService,
  ) {}

  /**
   * One pushed order (already validated by the API). The order number is claimed before the
   * case is created, in the same transaction: a repeat — however concurrent — waits for the
   * first and answers with its case (`duplicate: true`).
   */
  async receiveHotlineOrder(
    caller: HotlineCaller,
    order: HotlineOrderInput,
  ): Promise<HotlineReceipt> {
    const incoming = incomingFromOrder(order, 'push', caller.keyId);
    const { written } = await this.prepareAndWrite([incoming], hotlineActor(caller));
    return receipt(outcomeOrThrow(written[0]!));
  }

  /**
   * A batch of pushed orders: each is validated on its own and answers on its own, in the
   * order given; a bad order reports its problems and sinks nothing else.
   */
  async receiveHotlineBatch(
    caller: HotlineCaller,
    orders: readonly unknown[],
  ): Promise<{ results: BatchOrderResult[] }> {
    const checked = await Promise.all(orders.map((o) => checkHotlineOrder(o)));
    const valid = checked.flatMap((c) => (c.ok ? [c.order] : []));
    const outcomes = await this.processOrders(hotlineActor(caller), 'push', caller.keyId, valid);
    let next = 0;
    const results = checked.map((c): BatchOrderResult => {
      if (!c.ok) {
        return {
          ...(c.orderNo !== undefined ? { orderNo: c.orderNo } : {}),
          error: {
            code: IntakeErrorCode.Invalid,
            message: '工单内容有误，请检查标出的字段',
            details: c.problems,
          },
        };
      }
      return outcomes[next++]!;
    });
    return { results };
  }

  /**
   * Valid orders of a batch or an import, answered in their order. Orders already known (or
   * repeated within the list) are duplicates without further work; the rest are read, routed
   * in one pass, and written in chunks.
   */
  async processOrders(
    by: Actor | SystemActor,
    source: HotlineSource,
    keyId: string | null,
    orders: readonly HotlineOrderInput[],
  ): Promise<OrderOutcome[]> {
    const outcomes: (OrderOutcome | undefined)[] = Array.from({ length: orders.length });
    const known = await this.knownOrders(orders.map((o) => o.orderNo));
    const firstOf = new Map<string, number>();
    const fresh: number[] = [];
    orders.forEach((order, i) => {
      const existing = known.get(order.orderNo);
      if (existing) outcomes[i] = { orderNo: order.orderNo, ...existing, duplicate: true };
      else if (firstOf.has(order.orderNo)) return;
      else {
        firstOf.set(order.orderNo, i);
        fresh.push(i);
      }
    });

    const { written } = await this.prepareAndWrite(
      fresh.map((i) => incomingFromOrder(orders[i]!, source, keyId)),
      by,
    );
    fresh.forEach((i, n) => (outcomes[i] = this.outcomeOf(orders[i]!.orderNo, written[n]!)));
    // A repeat within the list answers like a repeated push: the first one's case.
    orders.forEach((order, i) => {
      if (outcomes[i]) return;
      const first = outcomes[firstOf.get(order.orderNo)!]!;
      outcomes[i] = 'error' in first ? first : { ...first, duplicate: true };
    });
    return outcomes as OrderOutcome[];
  }

  /**
   * A case registered by intake staff or an admin. An employer unit picked on the form must be
   * in the caller's subtree; the case is routed like an order (from the caller's district), and
   * may land outside the caller's own reach — the answer still shows it, masked.
   */
  async registerWalkIn(actor: Actor, input: WalkInInput): Promise<RegisteredCase> {
    if (!hasRole(actor, Role.Intake, Role.Admin)) {
      throw new IntakeError(IntakeErrorCode.Forbidden, '只有受理人员和管理员可以登记案件');
    }
    const unitId = input.employer.orgUnitId ?? null;
    if (unitId !== null && !(await this.units.isUnitInSubtree(unitId, actor))) {
      throw employerUnitNotFound('用人单位不存在或不在您的管辖范围内');
    }
    const incoming: IncomingCase = {
      channel: input.channel,
      title: null,
      description: input.description.trim(),
      category: input.category,
      hotlineCategory: null,
      claimants: input.claimants.map((c) => ({
        name: c.name.trim(),
        phone: c.phone,
        idNumber: c.idNumber ?? null,
      })),
      employer: {
        name: input.employer.name.trim(),
        creditCode: input.employer.creditCode ?? null,
        unitId,
      },
      eventAddress: input.eventAddress?.trim() || null,
      amountClaimed: input.amountClaimed ? toMoney(input.amountClaimed) : null,
      workerCount: input.workerCount ?? null,
      urgent: false,
      receivedAt: new Date(),
      handlingUnitCode: null,
      callerDistrictId: actor.orgPath?.split('/')[1] ?? null,
      hotline: null,
    };
    const { prepared, written } = await this.prepareAndWrite([incoming], actor);
    if (unitId !== null && prepared[0]!.draft.employer.unitId !== unitId) {
      throw employerUnitNotFound('所选用人单位已停用');
    }
    const outcome = outcomeOrThrow(written[0]!);
    if (outcome.duplicate) throw new Error('a walk-in case cannot be a duplicate');
    return registeredView(prepared[0]!, outcome.created);
  }

  /**
   * Reads, routes and writes cases. A case placed at a unit deactivated since the place list
   * was read (it is reused for up to 30 s) is refused by the cases context: those few are
   * routed again on a fresh list and written once more, rather than failing an order for
   * heqi's own stale cache.
   */
  private async prepareAndWrite(
    incoming: readonly IncomingCase[],
    by: Actor | SystemActor,
  ): Promise<{ prepared: PreparedCase[]; written: (WriteOutcome | WriteFailure)[] }> {
    const prepared = await this.prepareAll(incoming);
    const written = await this.writer.submit(prepared.map((p) => ({ prepared: p, by })));
    const stale = written.flatMap((w, i) =>
      'failed' in w && placedAtGoneUnit(w.failed) ? [i] : [],
    );
    if (stale.length) {
      this.resolver.forgetPlaces();
      const again = await this.prepareAll(stale.map((i) => incoming[i]!));
      const rewritten = await this.writer.submit(again.map((p) => ({ prepared: p, by })));
      stale.forEach((i, n) => {
        prepared[i] = again[n]!;
        written[i] = rewritten[n]!;
      });
    }
    return { prepared, written };
  }

  private async prepareAll(incoming: readonly IncomingCase[]): Promise<PreparedCase[]> {
    const enriched = incoming.map(enrich);
    const where = await this.resolver.resolveMany(enriched.map((e) => e.routingFacts));
    return enriched.map((e, i) => prepare(e, where[i]!));
  }

  /**
   * Orders already claimed, with their cases. A shortcut only (re-imports, retried batches):
   * an order not found here is still claimed through the primary key, which decides.
   */
  private async knownOrders(
    orderNos: readonly string[],
  ): Promise<Map<string, { caseId: string; caseNo: string; status: CaseStatus }>> {
    if (orderNos.length === 0) return new Map();
    const rows = (await this.dataSource.query(
      `SELECT o.order_no, c.id, c.case_no, c.status
         FROM hotline_order o JOIN mediation_case c ON c.id = o.case_id
        WHERE o.order_no = ANY($1::text[])`,
      [[...new Set(orderNos)]],
    )) as { order_no: string; id: string; case_no: string; status: CaseStatus }[];
    return new Map(
      rows.map((r) => [r.order_no, { caseId: r.id, caseNo: r.case_no, status: r.status }]),
    );
  }

  private outcomeOf(orderNo: string, written: WriteOutcome | WriteFailure): OrderOutcome {
    if ('failed' in written) {
      const err = written.failed;
      if (err instanceof DomainError) {
        return {
          orderNo,
          error: {
            code: err.code,
            message: err.message,
            ...(err.details?.length ? { details: err.details } : {}),
          },
        };
      }
      this.logger.error({ err, orderNo }, `hotline order ${orderNo} could not be written`);
      return { orderNo, error: { code: 'INTAKE_FAILED', message: '工单处理失败，请稍后重试' } };
    }
    return { orderNo, ...receipt(written) };
  }
}

/** The outcome of a case written alone; its failure is thrown as it is. */
function outcomeOrThrow(written: WriteOutcome | WriteFailure): WriteOutcome {
  if ('failed' in written) throw written.failed;
  return written;
}

/** The cases context refused the unit a case was placed at (unknown or deactivated). */
const placedAtGoneUnit = (err: unknown): boolean =>
  err instanceof CaseError &&
  err.code === CaseErrorCode.Invalid &&
  !!err.details?.some((d) => d.field === 'orgUnitId');

function hotlineActor(caller: HotlineCaller): SystemActor {
  return { system: `hotline:${caller.keyId}`, ip: caller.ip, requestId: caller.requestId };
}

function receipt(outcome: WriteOutcome): HotlineReceipt {
  return outcome.duplicate
    ? { caseId: outcome.caseId, caseNo: outcome.caseNo, status: outcome.status, duplicate: true }
    : {
        caseId: outcome.created.id,
        caseNo: outcome.created.caseNo,
        status: outcome.created.status as CaseStatus,
        duplicate: false,
      };
}

function employerUnitNotFound(message: string): IntakeError {
  return new IntakeError(IntakeErrorCode.EmployerUnitNotFound, message, [
    { field: 'employer.orgUnitId', message },
  ]);
}

function registeredView(
  prepared: PreparedCase,
  created: { id: string; caseNo: string; status: string },
): RegisteredCase {
  const { draft } = prepared;
  return {
    id: created.id,
    caseNo: created.caseNo,
    status: created.status as CaseStatus,
    channel: draft.channel,
    category: draft.category,
    collective: draft.collective,
    urgent: draft.urgent,
    townLevel: draft.townLevel,
    description: draft.description,
    orgUnitId: draft.orgUnitId,
    claimants: draft.claimants.map((c) => ({
      name: c.name,
      phoneMasked: maskPhone(c.phone),
      idNumberMasked: maskIdNumber(c.idNumber),
    })),
    employer: {
      name: draft.employer.name ?? null,
      creditCode: draft.employer.creditCode ?? null,
      orgUnitId: draft.employer.unitId ?? null,
    },
    eventAddress: draft.eventAddress ?? null,
    amountClaimed: draft.amountClaimed ?? null,
    workerCount: draft.workerCount ?? null,
    extractedFields: draft.extractedFields,
    routing: draft.routing,
    receivedAt: draft.receivedAt,
  };
}
