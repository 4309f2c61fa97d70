import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  type Actor,
  type Page,
  type PageRequest,
  escapeLike,
  isUuid,
  namedPage,
  namedQuery,
} from '@heqi/core';
import { DeadlinesService, atRiskCaseCondition, overdueCaseCondition } from '@heqi/deadlines';
import { caseReachCondition } from './case-access.js';
import type {
  CaseCoMediator,
  CaseDetail,
  CaseHeader,
  CaseHotline,
  CaseFilter,
  CaseSummary,
  CaseTimelineItem,
  MaskedClaimant,
} from './case-views.js';
import { CaseError } from './cases.errors.js';

interface SummaryRow {
  id: string;
  case_no: string;
  channel: CaseSummary['channel'];
  status: CaseSummary['status'];
  outcome: CaseSummary['outcome'];
  category: CaseSummary['category'];
  collective: boolean;
  urgent: boolean;
  title: string | null;
  employer_name: string | null;
  org_unit_id: string;
  org_unit_name: string;
  mediator_id: string | null;
  amount_claimed: string | null;
  worker_count: number | null;
  received_at: Date;
  closed_at: Date | null;
}

interface DetailRow extends SummaryRow {
  mediator_name: string | null;
  town_level: boolean;
  description: string;
  district_id: string;
  employer_credit_code: string | null;
  employer_unit_id: string | null;
  event_address: string | null;
  amount_agreed: string | null;
  amount_paid: string;
  first_contact_at: Date | null;
  extracted_fields: string[];
  cluster_id: string | null;
  created_at: Date;
  updated_at: Date;
  order_no: string | null;
  reply_state: NonNullable<CaseDetail['hotline']>['replyState'] | null;
  reply_last_error: string | null;
  feedback_result: NonNullable<CaseHotline['feedback']>['result'] | null;
  feedback_comment: string | null;
  feedback_visited_at: Date | null;
}

const SUMMARY_COLUMNS = `c.id, c.case_no, c.channel, c.status, c.outcome, c.category, c.collective,
  c.urgent, c.title, c.employer_name, c.org_unit_id, ou.name AS org_unit_name, c.mediator_id,
  c.amount_claimed, c.worker_count, c.received_at, c.closed_at`;

/**
 * Reading cases: the list, one case, its timeline. Jurisdiction is part of every query (see
 * {@link caseReachCondition}); a single case outside the caller's reach is "not found".
 */
@Injectable()
export class CaseQueriesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(DeadlinesService) private readonly deadlines: DeadlinesService,
  ) {}

  /**
   * Cases in the caller's reach matching `filter`, newest first. An `orgUnitId` outside the
   * caller's reach gives an empty page rather than an error: the filter narrows the caller's
   * view and never widens it, so a unit the caller cannot see simply holds none of their cases.
   */
  async list(actor: Actor, filter: CaseFilter, page: PageRequest): Promise<Page<CaseSummary>> {
    const reach = caseReachCondition(actor);
    const where = [reach.sql];
    const params: Record<string, unknown> = { ...reach.params };
    if (filter.status) {
      where.push('c.status = :status');
      params.status = filter.status;
    }
    if (filter.outcome) {
      where.push('c.outcome = :outcome');
      params.outcome = filter.outcome;
    }
    if (filter.orgUnitId !== undefined) {
      if (!isUuid(filter.orgUnitId)) return emptyPage(page);
      where.push(`ou.path LIKE (SELECT f.path FROM org_unit f WHERE f.id = :unitId) || '%'`);
      params.unitId = filter.orgUnitId;
    }
    if (filter.mediatorId !== undefined) {
      if (!isUuid(filter.mediatorId)) return emptyPage(page);
      where.push('c.mediator_id = :mediatorId');
      params.mediatorId = filter.mediatorId;
    }
    if (filter.category) {
      where.push('c.category = :category');
      params.category = filter.category;
    }
    if (filter.collective !== undefined) {
      where.push('c.collective = :collective');
      params.collective = filter.collective;
    }
    if (filter.overdue !== undefined) {
      const overdue = overdueCaseCondition('c.id');
      where.push(filter.overdue ? overdue : `NOT ${overdue}`);
    }
    if (filter.atRisk !== undefined) {
      const atRisk = atRiskCaseCondition('c.id');
      where.push(filter.atRisk ? atRisk : `NOT ${atRisk}`);
    }
    const q = filter.q?.trim();
    if (q) {
      where.push(
        `(c.case_no ILIKE :like ESCAPE '\\' OR c.employer_name ILIKE :like ESCAPE '\\'
          OR c.title ILIKE :like ESCAPE '\\')`,
      );
      params.like = `%${escapeLike(q)}%`;
    }
    if (filter.from) {
      where.push('c.received_at >= :from');
      params.from = filter.from;
    }
    if (filter.to) {
      where.push('c.received_at < :to');
      params.to = filter.to;
    }
    const from = `FROM mediation_case c JOIN org_unit ou ON ou.id = c.org_unit_id
                  WHERE ${where.join(' AND ')}`;
    const rows = await namedPage<SummaryRow>(
      this.dataSource.manager,
      { select: SUMMARY_COLUMNS, from, orderBy: 'c.received_at DESC, c.id DESC', params },
      page,
    );
    return { ...rows, items: rows.items.map(toSummary) };
  }

  /** One case with its claimants masked; unknown, malformed or out-of-reach ids are 404. */
  async get(actor: Actor, id: string): Promise<CaseDetail> {
    const row = await this.findReachable(this.dataSource.manager, actor, id);
    const [claimants, deadlines, offers, coMediators] = await Promise.all([
      this.dataSource.query(
        `SELECT name, phone_masked, id_number_masked FROM claimant
          WHERE case_id = $1 ORDER BY position`,
        [id],
      ) as Promise<
        { name: string; phone_masked: string | null; id_number_masked: string | null }[]
      >,
      this.deadlines.deadlinesOf(id),
      this.dataSource.query(
        `SELECT mediator_id, expires_at FROM case_offer
          WHERE case_id = $1 AND state = 'open' AND role = 'lead'`,
        [id],
      ) as Promise<{ mediator_id: string; expires_at: Date }[]>,
      // Ended co-mediations (`until` set) stay in the table as history; the case shows who
      // works it now.
      this.dataSource.query(
        `SELECT cm.mediator_id, m.name, m.kind, cm.since
           FROM case_co_mediator cm JOIN mediator m ON m.id = cm.mediator_id
          WHERE cm.case_id = $1 AND cm.until IS NULL ORDER BY cm.since, cm.id`,
        [id],
      ) as Promise<
        { mediator_id: string; name: string; kind: CaseCoMediator['kind']; since: Date }[]
      >,
    ]);
    const [offer] = offers;
    return {
      ...toDetail(
        row,
        claimants.map((c): MaskedClaimant => ({
          name: c.name,
          phoneMasked: c.phone_masked,
          idNumberMasked: c.id_number_masked,
        })),
      ),
      deadlines,
      offer: offer ? { mediatorId: offer.mediator_id, expiresAt: offer.expires_at } : null,
      coMediators: coMediators.map((m): CaseCoMediator => ({
        mediatorId: m.mediator_id,
        name: m.name,
        kind: m.kind,
        since: m.since,
      })),
    };
  }

  /** The case's timeline, oldest first; 404 as {@link get}. */
  async timeline(actor: Actor, id: string): Promise<{ items: CaseTimelineItem[] }> {
    await this.findReachable(this.dataSource.manager, actor, id);
    const rows = (await this.dataSource.query(
      `SELECT at, actor_name, type, data FROM case_event WHERE case_id = $1 ORDER BY at, id`,
      [id],
    )) as { at: Date; actor_name: string; type: string; data: Record<string, unknown> }[];
    return {
      items: rows.map((r) => ({ at: r.at, actor: r.actor_name, type: r.type, data: r.data })),
    };
  }

  /**
   * The case row if it exists and lies in the actor's reach, else `CASE_NOT_FOUND`: the same
   * answer for unknown and out-of-reach ids, so a case's existence does not leak.
   */
  private async findReachable(
    manager: EntityManager,
    actor: Actor,
    id: string,
  ): Promise<DetailRow> {
    if (!isUuid(id)) throw CaseError.notFound();
    const reach = caseReachCondition(actor);
    const [row] = await namedQuery<DetailRow>(
      manager,
      `SELECT ${SUMMARY_COLUMNS}, lm.name AS mediator_name, c.town_level, c.description,
              c.district_id, c.employer_credit_code, c.employer_unit_id, c.event_address,
              c.amount_agreed, c.amount_paid, c.first_contact_at, c.extracted_fields, c.cluster_id,
              c.created_at, c.updated_at,
              o.order_no, o.reply_state, o.reply_last_error, f.result AS feedback_result,
              f.comment AS feedback_comment, f.visited_at AS feedback_visited_at
         FROM mediation_case c
         JOIN org_unit ou ON ou.id = c.org_unit_id
         LEFT JOIN mediator lm ON lm.id = c.mediator_id
         LEFT JOIN hotline_order o ON o.case_id = c.id
         LEFT JOIN LATERAL (SELECT result, comment, visited_at FROM case_feedback
                             WHERE case_id = c.id ORDER BY id DESC LIMIT 1) f ON TRUE
        WHERE c.id = :id AND ${reach.sql}`,
      { ...reach.params, id },
    );
    if (!row) throw CaseError.notFound();
    return row;
  }
}

function emptyPage<T>(page: PageRequest): Page<T> {
  return { items: [], total: 0, page: page.page, pageSize: page.pageSize };
}

function toHeader(r: SummaryRow): CaseHeader {
  return {
    id: r.id,
    caseNo: r.case_no,
    channel: r.channel,
    status: r.status,
    outcome: r.outcome,
    category: r.category,
    collective: r.collective,
    urgent: r.urgent,
    title: r.title,
    orgUnitId: r.org_unit_id,
    orgUnitName: r.org_unit_name,
    mediatorId: r.mediator_id,
    amountClaimed: r.amount_claimed,
    workerCount: r.worker_count,
    receivedAt: r.received_at,
    closedAt: r.closed_at,
  };
}

function toSummary(r: SummaryRow): CaseSummary {
  return { ...toHeader(r), employerName: r.employer_name };
}

function toDetail(r: DetailRow, claimants: MaskedClaimant[]): CaseDetail {
  return {
    ...toHeader(r),
    mediatorName: r.mediator_name,
    townLevel: r.town_level,
    description: r.description,
    districtId: r.district_id,
    claimants,
    employer: {
      name: r.employer_name,
      creditCode: r.employer_credit_code,
      orgUnitId: r.employer_unit_id,
    },
    eventAddress: r.event_address,
    amountAgreed: r.amount_agreed,
    amountPaid: r.amount_paid,
    firstContactAt: r.first_contact_at,
    extractedFields: r.extracted_fields,
    clusterId: r.cluster_id,
    // `get` fills in the open offer, the co-mediators and the clocks.
    offer: null,
    coMediators: [],
    deadlines: [],
    hotline: r.order_no
      ? {
          orderNo: r.order_no,
          replyState: r.reply_state!,
          replyLastError: r.reply_last_error,
          feedback: r.feedback_result
            ? {
                result: r.feedback_result,
                comment: r.feedback_comment,
                visitedAt: r.feedback_visited_at!,
              }
            : null,
        }
      : null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
