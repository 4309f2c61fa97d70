import type { DisputeCategory } from '@heqi/core';
import { MediatorKind, OrgUnitLevel } from '@heqi/network';
import { ExclusionReason } from './exclusion-reason.enum.js';
import { OfferRole } from './offer-role.enum.js';

/** The case as routing sees it. */
export interface RoutingSubject {
  /** Materialised path of the case's unit. */
  unitPath: string;
  category: DisputeCategory;
  /** Collective (town-level) disputes: mediators below the town do not take them. */
  townLevel: boolean;
  /** For a co-mediator search: the lead (offered or holding), who cannot also be co. */
  leadMediatorId?: string | null;
}

/** A case's facts as routing sees them: a collective dispute is handled at town level. */
export function routingSubjectOf(
  subject: {
    unitPath: string;
    category: DisputeCategory;
    townLevel: boolean;
    collective: boolean;
  },
  leadMediatorId: string | null = null,
): RoutingSubject {
  return {
    unitPath: subject.unitPath,
    category: subject.category,
    townLevel: subject.townLevel || subject.collective,
    leadMediatorId,
  };
}

/** One mediator as the candidate query reads it (facts only; the policy decides). */
export interface Candidate {
  mediatorId: string;
  name: string;
  kind: MediatorKind;
  orgUnitId: string;
  unitPath: string;
  unitLevel: OrgUnitLevel;
  skills: readonly DisputeCategory[];
  capacity: number;
  /** Open offers + held cases + current co-mediations (`heqi_mediator_load`). */
  load: number;
  active: boolean;
  unavailableUntil: Date | null;
  lastAssignedAt: Date | null;
  /** The law-firm engagement that makes the mediator's firm act for the employer, if any. */
  lawFirmConflict: string | null;
  /** The mediator's home unit is the respondent enterprise. */
  employedByRespondent: boolean;
  declinedBefore: boolean;
  expiredBefore: boolean;
  /** Co-mediated this case before, and that ended (only asked for co-mediator searches). */
  releasedBefore: boolean;
}

/** A mediator who fits, with the figures the ranking used (shown on the timeline). */
export interface RankedCandidate {
  mediatorId: string;
  name: string;
  kind: MediatorKind;
  orgUnitId: string;
  level: OrgUnitLevel;
  /** Levels between the case's unit and the mediator's (0: the case's own unit). */
  distance: number;
  load: number;
  capacity: number;
  /** load / capacity, rounded for display (ranking compares exactly). */
  loadRatio: number;
  lastAssignedAt: string | null;
  /** 1 for the first choice. */
  rank: number;
  /** A soft conflict accepted because nobody else fits. */
  waived?: ExclusionReason.EmployedByRespondent;
}

export interface Exclusion {
  mediatorId: string;
  name: string;
  reason: ExclusionReason;
  /** E.g. the law-firm engagement behind a conflict, or when the mediator is back. */
  detail?: Record<string, string | number>;
}

export interface RoutingDecision {
  /** Everyone who fits, best first. Empty: nobody fits. */
  ranked: RankedCandidate[];
  excluded: Exclusion[];
}

const TOWN_OR_ABOVE = new Set<OrgUnitLevel>([OrgUnitLevel.District, OrgUnitLevel.Town]);

/** Path depth: `/a/b/` → 2. */
const depthOf = (path: string): number => path.split('/').filter(Boolean).length;

/**
 * The routing policy (design step 3), pure: who may take the case and in which order.
 *
 * Hard rules, in this order: coverage (the mediator's home unit contains the case's unit);
 * collective disputes only at town level or above; co-mediators are volunteer lawyers other than
 * the lead; active; available; skilled in the category; no 回避 (the lawyer's firm acts for the
 * employer, or the mediator declined or let lapse an offer of this case); under capacity. Then
 * the soft rule: a mediator whose home unit is the respondent enterprise is passed over when
 * anyone else fits, and kept (flagged `waived`) when nobody does.
 *
 * Ranking: nearest first (enterprise committee → village → town → district pool), then least
 * loaded (load / capacity, compared exactly), then longest since the last assignment (never
 * assigned first: round-robin), then id so the order is total.
 */
export function rankCandidates(
  subject: RoutingSubject,
  candidates: readonly Candidate[],
  role: OfferRole,
  now: Date,
): RoutingDecision {
  const excluded: Exclusion[] = [];
  const fitting: Candidate[] = [];
  for (const candidate of candidates) {
    const exclusion = hardExclusion(subject, candidate, role, now);
    if (exclusion) excluded.push(exclusion);
    else fitting.push(candidate);
  }

  const unconflicted = fitting.filter((c) => !c.employedByRespondent);
  let chosen = fitting;
  if (unconflicted.length > 0 && unconflicted.length < fitting.length) {
    chosen = unconflicted;
    for (const c of fitting.filter((f) => f.employedByRespondent)) {
      excluded.push(exclusion(c, ExclusionReason.EmployedByRespondent));
    }
  }

  const caseDepth = depthOf(subject.unitPath);
  const ranked = [...chosen].sort(compareCandidates(caseDepth)).map((c, i): RankedCandidate => ({
    mediatorId: c.mediatorId,
    name: c.name,
    kind: c.kind,
    orgUnitId: c.orgUnitId,
    level: c.unitLevel,
    distance: caseDepth - depthOf(c.unitPath),
    load: c.load,
    capacity: c.capacity,
    loadRatio: Math.round((c.load / c.capacity) * 1000) / 1000,
    lastAssignedAt: c.lastAssignedAt?.toISOString() ?? null,
    rank: i + 1,
    ...(c.employedByRespondent && { waived: ExclusionReason.EmployedByRespondent }),
  }));
  return { ranked, excluded };
}

/**
 * Every rule `c` breaks for this case, in the order of {@link ExclusionReason} (the soft
 * respondent rule included, as the last). Empty when the mediator fits. The ranking reports a
 * mediator under the first; a reassignment weighs them all.
 */
export function ruleBreaches(
  subject: RoutingSubject,
  c: Candidate,
  role: OfferRole,
  now: Date,
): Exclusion[] {
  const breaches: Exclusion[] = [];
  const breach = (reason: ExclusionReason, detail?: Record<string, string | number>) =>
    breaches.push(exclusion(c, reason, detail));
  if (!subject.unitPath.startsWith(c.unitPath)) breach(ExclusionReason.OutOfCoverage);
  if (subject.townLevel && !TOWN_OR_ABOVE.has(c.unitLevel)) breach(ExclusionReason.BelowTownLevel);
  if (role === OfferRole.Co) {
    if (c.kind !== MediatorKind.VolunteerLawyer) breach(ExclusionReason.NotVolunteerLawyer);
    if (c.mediatorId === subject.leadMediatorId) breach(ExclusionReason.IsLead);
  }
  if (!c.active) breach(ExclusionReason.Inactive);
  if (c.unavailableUntil && c.unavailableUntil > now) {
    breach(ExclusionReason.Unavailable, { until: c.unavailableUntil.toISOString() });
  }
  if (!c.skills.includes(subject.category)) breach(ExclusionReason.NoSkill);
  if (c.lawFirmConflict) {
    breach(ExclusionReason.LawFirmConflict, { engagementId: c.lawFirmConflict });
  }
  if (c.declinedBefore) breach(ExclusionReason.DeclinedBefore);
  if (c.expiredBefore) breach(ExclusionReason.ExpiredBefore);
  if (c.releasedBefore) breach(ExclusionReason.ReleasedBefore);
  if (c.load >= c.capacity) {
    breach(ExclusionReason.AtCapacity, { load: c.load, capacity: c.capacity });
  }
  if (c.employedByRespondent) breach(ExclusionReason.EmployedByRespondent);
  return breaches;
}

/** The first hard rule `c` breaks, or null when it fits (the respondent rule is soft). */
function hardExclusion(
  subject: RoutingSubject,
  c: Candidate,
  role: OfferRole,
  now: Date,
): Exclusion | null {
  const [first] = ruleBreaches(subject, c, role, now);
  return first && first.reason !== ExclusionReason.EmployedByRespondent ? first : null;
}

function exclusion(
  c: Candidate,
  reason: ExclusionReason,
  detail?: Record<string, string | number>,
): Exclusion {
  return { mediatorId: c.mediatorId, name: c.name, reason, ...(detail && { detail }) };
}

function compareCandidates(caseDepth: number) {
  return (a: Candidate, b: Candidate): number => {
    const nearer = caseDepth - depthOf(a.unitPath) - (caseDepth - depthOf(b.unitPath));
    if (nearer !== 0) return nearer;
    // a.load / a.capacity vs b.load / b.capacity without floating point (capacities are > 0).
    const lighter = a.load * b.capacity - b.load * a.capacity;
    if (lighter !== 0) return lighter;
    const since =
      (a.lastAssignedAt?.getTime() ?? -Infinity) - (b.lastAssignedAt?.getTime() ?? -Infinity);
    if (since !== 0 && !Number.isNaN(since)) return since;
    return a.mediatorId < b.mediatorId ? -1 : a.mediatorId > b.mediatorId ? 1 : 0;
  };
}
