import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A mediator's load, as migration Assignment defines it (open offers, held cases, co-mediations). */
const LOAD = `(SELECT count(*) FROM case_offer o WHERE o.mediator_id = mediator AND o.state = 'open')::int
             + (SELECT count(*) FROM mediation_case h
                 WHERE h.mediator_id = mediator AND h.status = 'in_mediation')::int
             + (SELECT count(*) FROM case_co_mediator cm JOIN mediation_case cc ON cc.id = cm.case_id
                 WHERE cm.mediator_id = mediator AND cm.until IS NULL
                   AND cc.status IN ('offered', 'in_mediation'))::int`;

/**
 * `heqi_mediator_load` becomes PL/pgSQL with the same count. As a SQL function with subqueries
 * it cannot be inlined, and Postgres planned its body anew for every call: 1.1 s of planning in
 * 30 s of bench/assignment at 100 cases/s (18,000 calls, pg_stat_statements with
 * track_planning), more than its execution. PL/pgSQL keeps the plan for the session.
 */
export class MediatorLoadPlan1763866000000 implements MigrationInterface {
  name = 'MediatorLoadPlan1763866000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION heqi_mediator_load(mediator uuid) RETURNS int
        LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
      BEGIN
        RETURN ${LOAD};
      END
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION heqi_mediator_load(mediator uuid) RETURNS int
        LANGUAGE sql STABLE PARALLEL SAFE AS $$
        SELECT ${LOAD}
      $$`);
  }
}
