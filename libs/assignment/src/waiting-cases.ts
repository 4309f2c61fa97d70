import type { EntityManager } from 'typeorm';
import { JobName, type OutboxService } from '@heqi/core';

/** Cases one freed place wakes at most (the sweep takes any others in its next round). */
const WAKE_LIMIT = 20;

/**
 * A mediator has room again (a case closed, a reassignment moved one away): asks the engine,
 * through the outbox in the caller's transaction, for the queued cases without an open lead
 * offer that this mediator covers (the case's unit lies in the subtree of the mediator's home
 * unit), oldest wait first. The engine re-reads everything and ranks all candidates, so this only
 * makes it look now instead of at the next sweep. Returns the ids of the cases asked for.
 */
export async function requestAssignmentOfWaitingCases(
  manager: EntityManager,
  outbox: OutboxService,
  mediatorId: string,
  limit = WAKE_LIMIT,
): Promise<string[]> {
  const rows = (await manager.query(
    `SELECT c.id
       FROM mediator m
       JOIN org_unit mu ON mu.id = m.org_unit_id
       JOIN org_unit cu ON cu.path LIKE mu.path || '%'
       JOIN mediation_case c ON c.org_unit_id = cu.id AND c.status = 'queued'
       LEFT JOIN case_assignment ca ON ca.case_id = c.id
      WHERE m.id = $1 AND m.active
        AND NOT EXISTS (SELECT 1 FROM case_offer o
                         WHERE o.case_id = c.id AND o.role = 'lead' AND o.state = 'open')
      ORDER BY coalesce(ca.queued_since, c.updated_at), c.id
      LIMIT $2`,
    [mediatorId, limit],
  )) as { id: string }[];
  await outbox.enqueueMany(
    manager,
    JobName.AssignCase,
    rows.map((r) => ({ payload: { caseId: r.id } })),
  );
  return rows.map((r) => r.id);
}
