import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { type Actor, type SystemActor, isUuid } from '@heqi/core';
import { CaseGateway, type CaseFacts, type ClockTimelineEvent } from '@heqi/deadlines';
import { caseReachCondition, reachesCase } from './case-access.js';
import { lockCaseForAssignment } from './case-assignment-steps.js';
import { CaseTimeline } from './case-timeline.service.js';
import { namedQuery } from '@heqi/core';

/**
 * The case aggregate as the deadlines context sees it (its {@link CaseGateway} port): the case's
 * reach rules and timeline, so extensions, pauses and escalations follow the same access rules
 * and land on the same timeline as every other step.
 */
@Injectable()
export class CaseDeadlinesGateway extends CaseGateway {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CaseTimeline) private readonly timeline: CaseTimeline,
  ) {
    super();
  }

  async lockReachable(
    manager: EntityManager,
    actor: Actor,
    caseId: string,
  ): Promise<CaseFacts | null> {
    if (!isUuid(caseId)) return null;
    const kase = await lockCaseForAssignment(manager, caseId);
    if (!kase || !reachesCase(actor, { unitPath: kase.unitPath, mediatorId: kase.mediatorId })) {
      return null;
    }
    return {
      id: kase.id,
      caseNo: kase.caseNo,
      status: kase.status,
      orgUnitId: kase.orgUnitId,
      unitPath: kase.unitPath,
      mediatorId: kase.mediatorId,
    };
  }

  async findReachable(actor: Actor, caseId: string): Promise<CaseFacts | null> {
    if (!isUuid(caseId)) return null;
    const reach = caseReachCondition(actor);
    const [row] = await namedQuery<{
      id: string;
      case_no: string;
      status: string;
      org_unit_id: string;
      path: string;
      mediator_id: string | null;
    }>(
      this.dataSource.manager,
      `SELECT c.id, c.case_no, c.status, c.org_unit_id, ou.path, c.mediator_id
         FROM mediation_case c JOIN org_unit ou ON ou.id = c.org_unit_id
        WHERE c.id = :id AND ${reach.sql}`,
      { ...reach.params, id: caseId },
    );
    return row
      ? {
          id: row.id,
          caseNo: row.case_no,
          status: row.status,
          orgUnitId: row.org_unit_id,
          unitPath: row.path,
          mediatorId: row.mediator_id,
        }
      : null;
  }

  appendEvents(
    manager: EntityManager,
    by: Actor | SystemActor,
    events: readonly ClockTimelineEvent[],
  ): Promise<void> {
    return this.timeline.appendToMany(manager, by, events);
  }
}
