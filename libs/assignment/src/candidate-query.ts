import type { EntityManager } from 'typeorm';
import type { DisputeCategory } from '@heqi/core';
import type { AssignableCase } from '@heqi/cases';
import { MediatorKind, type OrgUnitLevel } from '@heqi/network';
import { OfferRole } from './offer-role.enum.js';
import type { Candidate } from './routing-policy.js';

interface CandidateRow {
  id: string;
  name: string;
  kind: MediatorKind;
  org_unit_id: string;
  unit_path: string;
  unit_level: OrgUnitLevel;
  skills: DisputeCategory[];
  capacity: number;
  load: number;
  active: boolean;
  unavailable_until: Date | null;
  last_assigned_at: Date | null;
  conflict_engagement_id: string | null;
  employed_by_respondent: boolean;
  declined_before: boolean;
  expired_before: boolean;
  released_before: boolean;
}

/** Ids of the units on a materialised path, root first: `/d/t/v/` → [d, t, v]. */
export const unitsOnPath = (path: string): string[] => path.split('/').filter(Boolean);

/**
 * {@link unitsOnPath} as a Postgres array literal (`{d,t,v}`, cast with `::uuid[]`): one value
 * per row of an `unnest`, which would flatten a two-dimensional array.
 */
export const unitsOnPathLiteral = (path: string): string => `{${unitsOnPath(path).join(',')}}`;

/** One candidate search: a case locked for assignment, the role, and optionally one mediator. */
export interface CandidateSearch {
  subject: AssignableCase;
  role: OfferRole;
  /** Only this mediator (reassignment). */
  only?: string;
}

/**
 * The facts the routing policy decides on, for every mediator whose home unit lies on the case's
 * path (coverage: the mediator's subtree contains the case's unit) — inactive, busy and
 * conflicted ones included, so the timeline can say why they were passed over. One round trip;
 * the policy itself is `rankCandidates`. `only` narrows it to one mediator (reassignment).
 */
export async function fetchCandidates(
  manager: EntityManager,
  subject: AssignableCase,
  role: OfferRole,
  only?: string,
): Promise<Candidate[]> {
  const [candidates] = await fetchCandidatesMany(manager, [{ subject, role, only }]);
  return candidates!;
}

/**
 * {@link fetchCandidates} for many searches in one statement (the engine's batches): the
 * candidate query runs laterally once per search. Answers in the order of `searches`.
 *
 * 回避 facts come from here: a law-firm engagement current today (Asia/Shanghai) whose firm is
 * the mediator's and whose employer is the case's, by credit code or by name under the network's
 * name rule (`heqi_unit_name_key`); a home unit that is the respondent enterprise (its id or
 * credit code); earlier offers of this case the mediator declined or let lapse; an earlier
 * co-mediation of this case that ended.
 */
export async function fetchCandidatesMany(
  manager: EntityManager,
  searches: readonly CandidateSearch[],
): Promise<Candidate[][]> {
  if (searches.length === 0) return [];
  const column = <T>(of: (search: CandidateSearch) => T): T[] => searches.map(of);
  const rows = (await manager.query(
    `SELECT s.n, c.*
       FROM unnest($1::text[], $2::uuid[], $3::text[], $4::text[], $5::uuid[], $6::text[],
                   $7::text[], $8::uuid[])
              WITH ORDINALITY AS s(units, case_id, credit_code, employer_name, employer_unit_id,
                                   role, kind, only_id, n)
       CROSS JOIN LATERAL (
         SELECT m.id, m.name, m.kind, m.org_unit_id, u.path AS unit_path, u.level AS unit_level,
                m.skills, m.capacity, heqi_mediator_load(m.id) AS load, m.active,
                m.unavailable_until, m.last_assigned_at,
                (SELECT e.id FROM law_firm_engagement e
                  WHERE m.law_firm IS NOT NULL
                    AND heqi_unit_name_key(e.law_firm) = heqi_unit_name_key(m.law_firm)
                    AND e.since <= (now() AT TIME ZONE 'Asia/Shanghai')::date
                    AND (e.until IS NULL OR e.until >= (now() AT TIME ZONE 'Asia/Shanghai')::date)
                    AND ((e.employer_credit_code IS NOT NULL
                          AND e.employer_credit_code = s.credit_code)
                         OR heqi_unit_name_key(e.employer_name) = heqi_unit_name_key(s.employer_name))
                  ORDER BY e.since, e.id LIMIT 1) AS conflict_engagement_id,
                (m.org_unit_id = s.employer_unit_id
                   OR (u.credit_code IS NOT NULL AND u.credit_code = s.credit_code))
                  IS TRUE AS employed_by_respondent,
                EXISTS (SELECT 1 FROM case_offer d WHERE d.case_id = s.case_id
                           AND d.mediator_id = m.id AND d.role = s.role AND d.state = 'declined')
                  AS declined_before,
                EXISTS (SELECT 1 FROM case_offer x WHERE x.case_id = s.case_id
                           AND x.mediator_id = m.id AND x.role = s.role AND x.state = 'expired')
                  AS expired_before,
                (s.role = 'co' AND EXISTS (SELECT 1 FROM case_co_mediator r
                                            WHERE r.case_id = s.case_id AND r.mediator_id = m.id
                                              AND r.until IS NOT NULL))
                  AS released_before
           FROM mediator m JOIN org_unit u ON u.id = m.org_unit_id
          WHERE m.org_unit_id = ANY(s.units::uuid[])
            AND (s.kind IS NULL OR m.kind = s.kind)
            AND (s.only_id IS NULL OR m.id = s.only_id)) c`,
    [
      column((s) => unitsOnPathLiteral(s.subject.unitPath)),
      column((s) => s.subject.id),
      column((s) => s.subject.employerCreditCode),
      column((s) => s.subject.employerName),
      column((s) => s.subject.employerUnitId),
      column((s) => s.role),
      // Co-mediators are volunteer lawyers: listing everyone else as "not a lawyer" is noise.
      column((s) => (s.role === OfferRole.Co ? MediatorKind.VolunteerLawyer : null)),
      column((s) => s.only ?? null),
    ],
  )) as (CandidateRow & { n: string })[];
  const found = searches.map((): Candidate[] => []);
  for (const r of rows) {
    found[Number(r.n) - 1]!.push({
      mediatorId: r.id,
      name: r.name,
      kind: r.kind,
      orgUnitId: r.org_unit_id,
      unitPath: r.unit_path,
      unitLevel: r.unit_level,
      skills: r.skills,
      capacity: r.capacity,
      load: r.load,
      active: r.active,
      unavailableUntil: r.unavailable_until,
      lastAssignedAt: r.last_assigned_at,
      lawFirmConflict: r.conflict_engagement_id,
      employedByRespondent: r.employed_by_respondent,
      declinedBefore: r.declined_before,
      expiredBefore: r.expired_before,
      releasedBefore: r.released_before,
    });
  }
  return found;
}

/** A mediator row locked for an offer, re-read after the lock was granted. */
export interface LockedMediator {
  id: string;
  capacity: number;
  load: number;
  active: boolean;
  unavailableUntil: Date | null;
}

/**
 * Locks the mediator's row against other offers (FOR NO KEY UPDATE: foreign-key checks of
 * inserts referencing the mediator still pass) and re-reads capacity, availability and load.
 * `skipLocked`: return null at once when another transaction holds it (the engine then tries
 * the next candidate and never waits, so it cannot deadlock); otherwise wait (reassignment).
 */
export async function lockMediator(
  manager: EntityManager,
  mediatorId: string,
  skipLocked: boolean,
): Promise<LockedMediator | null> {
  return (await lockMediators(manager, [mediatorId], skipLocked)).get(mediatorId) ?? null;
}

/**
 * {@link lockMediator} for many mediators in two statements, whatever their number; the answer
 * holds those locked (with SKIP LOCKED, those another transaction holds are missing). Waiting
 * locks are taken in id order, so two waiting lockers cannot deadlock on each other.
 *
 * The load is counted in a second statement on purpose: under READ COMMITTED each statement
 * sees what was committed before it started, and only a statement that starts after the lock is
 * granted is sure to see the offers of the transaction that held it.
 */
export async function lockMediators(
  manager: EntityManager,
  mediatorIds: readonly string[],
  skipLocked: boolean,
): Promise<Map<string, LockedMediator>> {
  const locked = new Map<string, LockedMediator>();
  if (mediatorIds.length === 0) return locked;
  const ids = (
    (await manager.query(
      `SELECT id FROM mediator WHERE id = ANY($1::uuid[])
        ORDER BY id FOR NO KEY UPDATE${skipLocked ? ' SKIP LOCKED' : ''}`,
      [[...new Set(mediatorIds)]],
    )) as { id: string }[]
  ).map((r) => r.id);
  if (ids.length === 0) return locked;
  const rows = (await manager.query(
    `SELECT id, capacity, heqi_mediator_load(id) AS load, active, unavailable_until
       FROM mediator WHERE id = ANY($1::uuid[])`,
    [ids],
  )) as {
    id: string;
    capacity: number;
    load: number;
    active: boolean;
    unavailable_until: Date | null;
  }[];
  for (const row of rows) {
    locked.set(row.id, {
      id: row.id,
      capacity: row.capacity,
      load: row.load,
      active: row.active,
      unavailableUntil: row.unavailable_until,
    });
  }
  return locked;
}
