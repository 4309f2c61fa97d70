import { randomUUID } from 'node:crypto';
import type { DisputeCategory } from '@heqi/core';
import type {
  CaseChannel,
  CaseDraft,
  ClaimantInput,
  ExtractableField,
  HotlineOrderClaim,
} from '@heqi/cases';
import { categoryFromHotlineLabel, extractFacts } from '../extraction/index.js';
import type { RoutingFacts } from '../routing/jurisdiction.js';
import type { ResolvedJurisdiction } from '../routing/jurisdiction-resolver.service.js';

/** Disputes of this many workers or more are collective (集体劳动争议, design step 2). */
export const COLLECTIVE_WORKERS = 10;

/** A case as it arrives, from any channel, before extraction and routing. */
export interface IncomingCase {
  channel: CaseChannel;
  title: string | null;
  description: string;
  /** Chosen on a form; hotline orders carry only the platform's label (`hotlineCategory`). */
  category: DisputeCategory | null;
  hotlineCategory: string | null;
  claimants: ClaimantInput[];
  employer: { name: string | null; creditCode: string | null; unitId: string | null };
  eventAddress: string | null;
  amountClaimed: string | null;
  workerCount: number | null;
  /** The platform marked the order urgent. */
  urgent: boolean;
  receivedAt: Date;
  handlingUnitCode: string | null;
  /** The district of the staff member registering it (walk-in and other staff channels). */
  callerDistrictId: string | null;
  /** The 12345 order to claim, for hotline cases (its `caseId` is filled in by {@link prepare}). */
  hotline: Omit<HotlineOrderClaim, 'caseId'> | null;
}

/** An incoming case after reading its free text: the facts to route on and what was extracted. */
export interface EnrichedCase {
  incoming: IncomingCase;
  category: DisputeCategory;
  employerName: string | null;
  amountClaimed: string | null;
  workerCount: number | null;
  extractedFields: ExtractableField[];
  routingFacts: RoutingFacts;
}

/** Joins one case to the cluster of orders against its employer. */
export interface ClusterRequest {
  /** `unit:<id>` for a registered enterprise, else `name:<normalised name>`, else `cc:<code>`. */
  key: string;
  employerName: string | null;
  /** The town (or, in triage, the district) whose supervisors hear of the cluster. */
  unitId: string;
  at: Date;
  workers: number;
}

/** A case ready to write: its draft (with its id), the order to claim, the cluster to join. */
export interface PreparedCase {
  /** The district whose case-number counter its creation takes (writes are lined up by it). */
  districtId: string;
  draft: CaseDraft & { id: string };
  claim: HotlineOrderClaim | null;
  cluster: ClusterRequest | null;
}

/**
 * Fills what the form left out from the free text. Given fields always win; extracted ones are
 * listed in `extractedFields`. A hotline order's category counts as extracted unless the
 * platform's label alone gives it.
 */
export function enrich(incoming: IncomingCase): EnrichedCase {
  const facts = extractFacts({
    title: incoming.title ?? undefined,
    content: incoming.description,
    hotlineCategory: incoming.hotlineCategory ?? undefined,
  });
  const extracted: ExtractableField[] = [];
  const pick = <T>(field: ExtractableField, given: T | null, found: T | undefined): T | null => {
    if (given !== null) return given;
    if (found === undefined) return null;
    extracted.push(field);
    return found;
  };
  const category =
    incoming.category ??
    (facts.category === categoryFromHotlineLabel(incoming.hotlineCategory ?? undefined)
      ? facts.category
      : pick('category', null, facts.category)!);
  const employerName = pick('employerName', incoming.employer.name, facts.employerName);
  const amountClaimed = pick('amountClaimed', incoming.amountClaimed, facts.amountClaimed);
  const workerCount = pick('workerCount', incoming.workerCount, facts.workerCount);
  return {
    incoming,
    category,
    employerName,
    amountClaimed,
    workerCount,
    extractedFields: extracted,
    routingFacts: {
      employerUnitId: incoming.employer.unitId,
      creditCode: incoming.employer.creditCode,
      employerName,
      eventAddress: incoming.eventAddress,
      text: [incoming.title, incoming.description].filter(Boolean).join('。'),
      handlingUnitCode: incoming.handlingUnitCode,
      callerDistrictId: incoming.callerDistrictId,
    },
  };
}

/**
 * The case to create from an enriched case and its jurisdiction. A case against a registered
 * enterprise names it as the employer (its register name and credit code fill what the order
 * left out). A collective dispute is flagged urgent and handled at town level: it is placed at
 * the town holding the matched unit (a triage case stays in triage, flagged, for staff to place).
 */
export function prepare(enriched: EnrichedCase, where: ResolvedJurisdiction): PreparedCase {
  const { incoming } = enriched;
  const id = randomUUID();
  const unit = where.employerUnit;
  const collective = (enriched.workerCount ?? 1) >= COLLECTIVE_WORKERS;
  const orgUnitId = collective && !where.triage && where.townId ? where.townId : where.unitId;
  const employerName = enriched.employerName ?? unit?.name ?? null;
  const creditCode = incoming.employer.creditCode ?? unit?.creditCode ?? null;

  const draft: PreparedCase['draft'] = {
    id,
    channel: incoming.channel,
    category: enriched.category,
    title: incoming.title,
    description: incoming.description,
    claimants: incoming.claimants,
    employer: { name: employerName, creditCode, unitId: unit?.id ?? null },
    eventAddress: incoming.eventAddress,
    amountClaimed: enriched.amountClaimed,
    workerCount: enriched.workerCount,
    orgUnitId,
    triage: where.triage,
    collective,
    urgent: incoming.urgent || collective,
    townLevel: collective,
    extractedFields: enriched.extractedFields,
    clusterId: null,
    receivedAt: incoming.receivedAt,
    routing: { ...where.routing, ...(collective ? { collective: true, placedAt: orgUnitId } : {}) },
  };

  const key = unit
    ? `unit:${unit.id}`
    : where.employerNameKey
      ? `name:${where.employerNameKey}`
      : creditCode
        ? `cc:${creditCode}`
        : null;
  return {
    districtId: where.districtId,
    draft,
    claim: incoming.hotline ? { ...incoming.hotline, caseId: id } : null,
    cluster: key
      ? {
          key,
          employerName,
          unitId: where.townId ?? where.districtId,
          at: incoming.receivedAt,
          workers: enriched.workerCount ?? 1,
        }
      : null,
  };
}
