import { OrgUnitLevel } from '@heqi/network';
import { IntakeError } from '../intake.errors.js';
import type { PlaceGazetteer, PlaceMention } from './place-gazetteer.js';
import { type UnitRef, districtIdOf, townIdOf } from './unit-ref.js';

/** What an incoming case says about where it belongs. */
export interface RoutingFacts {
  /** A unit intake staff picked for the employer (walk-in form); checked for reach before. */
  employerUnitId?: string | null;
  creditCode?: string | null;
  /** As given, or as extracted from the free text. */
  employerName?: string | null;
  eventAddress?: string | null;
  /** Title and free text: searched for place names when the address names none. */
  text: string;
  /** The 12345 platform's 承办单位编码. */
  handlingUnitCode?: string | null;
  /** The district of the staff member registering a walk-in case. */
  callerDistrictId?: string | null;
}

/** How the unit was decided (stored on the case's `case.received` event). */
export type RoutingBy =
  | 'employer_unit'
  | 'credit_code'
  | 'employer_name'
  | 'employer_name_normalised'
  | 'address'
  | 'triage';

/** How the district was decided. */
export type DistrictBy = 'caller' | 'handling_unit_code' | 'address' | 'unit' | 'default';

export interface Routing {
  by: RoutingBy;
  /** What matched: the credit code, the employer name, or the place names; null for triage. */
  matched: string | null;
  /** Where the place names were found (address routing only). */
  source?: 'eventAddress' | 'text';
  unitId: string | null;
  districtId: string;
  districtBy: DistrictBy;
  /** Why a triage case could not be placed. */
  reason?: 'no_match' | 'ambiguous';
}

export interface JurisdictionDecision {
  /** The unit that handles the case (the district itself for triage). */
  unitId: string;
  triage: boolean;
  districtId: string;
  /** The town the unit lies in; null for triage. */
  townId: string | null;
  /** The registered enterprise the employer was matched to. */
  employerUnit: UnitRef | null;
  routing: Routing;
}

/**
 * Enterprises found for a set of orders in one round trip (see `UnitDirectory.employers`).
 * Names are looked up as given (trimmed) and by `heqi_unit_name_key`, the network's name rule.
 */
export interface EmployerIndex {
  byId: ReadonlyMap<string, UnitRef>;
  byCreditCode: ReadonlyMap<string, UnitRef>;
  byName: ReadonlyMap<string, readonly UnitRef[]>;
  byNameKey: ReadonlyMap<string, readonly UnitRef[]>;
  /** `heqi_unit_name_key` of every name asked about. */
  nameKeys: ReadonlyMap<string, string>;
  /** Units of any level by their unit code, for `handlingUnitCode`. */
  byCode: ReadonlyMap<string, UnitRef>;
}

/** Credit codes as printed: upper case, no spaces (what the network stores). */
export const cleanCreditCode = (code: string | null | undefined): string | null =>
  code?.replace(/\s/g, '').toUpperCase() || null;

export const cleanName = (name: string | null | undefined): string | null => name?.trim() || null;

type PlaceChoice =
  | { kind: 'unit'; unit: UnitRef; matched: string }
  | { kind: 'ambiguous'; districtIds: Set<string> }
  | { kind: 'none' };

/**
 * Decides where a case belongs, in this order (design, step 2):
 *
 * 1. a unit picked by staff; the enterprise with the credit code; the enterprise named exactly,
 *    then by the normalised name (legal form and brackets ignored). A case against a known
 *    enterprise is handled by the enterprise's unit.
 * 2. otherwise the most specific place the event address names (then the free text): a village,
 *    else a town.
 * 3. otherwise the triage queue of the district.
 *
 * The district is, in order: the caller's (walk-in), the one holding the unit whose code the
 * platform sent as 承办单位编码, the one the address names, the matched unit's; for triage
 * with none of these, the first district (the oldest) — several districts may share one
 * deployment, and an order that names none of them waits in the first one's queue.
 *
 * Pure: the caller fetched `employers` and `places` beforehand (once for a whole batch).
 */
export function decideJurisdiction(
  facts: RoutingFacts,
  employers: EmployerIndex,
  places: PlaceGazetteer,
): JurisdictionDecision {
  if (places.districts.length === 0) throw IntakeError.noDistrict();
  const hint = districtHint(facts, employers, places);

  const employer = matchEmployer(facts, employers, places, hint?.id ?? null);
  if (employer) {
    return placed(employer.unit, employer.unit, {
      by: employer.by,
      matched: employer.matched,
      unitId: employer.unit.id,
      districtId: districtIdOf(employer.unit),
      districtBy: hint && hint.id === districtIdOf(employer.unit) ? hint.by : 'unit',
    });
  }

  const sources = [
    ['eventAddress', facts.eventAddress ?? ''],
    ['text', facts.text],
  ] as const;
  let ambiguousDistricts: Set<string> | null = null;
  for (const [source, text] of sources) {
    const choice = choosePlace(places.mentionsIn(text, hint?.id), places);
    if (choice.kind === 'unit') {
      return placed(choice.unit, null, {
        by: 'address',
        matched: choice.matched,
        source,
        unitId: choice.unit.id,
        districtId: districtIdOf(choice.unit),
        districtBy: hint ? hint.by : 'unit',
      });
    }
    if (choice.kind === 'ambiguous') {
      ambiguousDistricts = choice.districtIds;
      break;
    }
  }

  const onlyDistrict = ambiguousDistricts?.size === 1 ? [...ambiguousDistricts][0]! : undefined;
  const districtId = hint?.id ?? onlyDistrict ?? places.districts[0]!.id;
  return {
    unitId: districtId,
    triage: true,
    districtId,
    townId: null,
    employerUnit: null,
    routing: {
      by: 'triage',
      matched: null,
      unitId: null,
      districtId,
      districtBy: hint ? hint.by : onlyDistrict ? 'address' : 'default',
      reason: ambiguousDistricts ? 'ambiguous' : 'no_match',
    },
  };
}

function placed(
  unit: UnitRef,
  employerUnit: UnitRef | null,
  routing: Routing,
): JurisdictionDecision {
  return {
    unitId: unit.id,
    triage: false,
    districtId: districtIdOf(unit),
    townId: townIdOf(unit),
    employerUnit,
    routing,
  };
}

function districtHint(
  facts: RoutingFacts,
  employers: EmployerIndex,
  places: PlaceGazetteer,
): { id: string; by: DistrictBy } | null {
  if (facts.callerDistrictId && places.get(facts.callerDistrictId)) {
    return { id: facts.callerDistrictId, by: 'caller' };
  }
  const code = facts.handlingUnitCode?.trim();
  const coded = code ? (places.withCode(code) ?? employers.byCode.get(code)) : undefined;
  if (coded) return { id: districtIdOf(coded), by: 'handling_unit_code' };
  for (const text of [facts.eventAddress ?? '', facts.text]) {
    const named = new Set(
      places
        .mentionsIn(text)
        .filter((m) => m.unit.level === OrgUnitLevel.District)
        .map((m) => m.unit.id),
    );
    if (named.size === 1) return { id: [...named][0]!, by: 'address' };
    if (named.size > 1) return null;
  }
  return null;
}

function matchEmployer(
  facts: RoutingFacts,
  employers: EmployerIndex,
  places: PlaceGazetteer,
  districtId: string | null,
): { unit: UnitRef; by: RoutingBy; matched: string } | null {
  const picked = facts.employerUnitId ? employers.byId.get(facts.employerUnitId) : undefined;
  if (picked) return { unit: picked, by: 'employer_unit', matched: picked.name };

  const code = cleanCreditCode(facts.creditCode);
  const byCode = code ? employers.byCreditCode.get(code) : undefined;
  if (byCode) return { unit: byCode, by: 'credit_code', matched: code! };

  const name = cleanName(facts.employerName);
  if (!name) return null;
  const exact = pickOne(employers.byName.get(name) ?? [], facts, places, districtId);
  if (exact) return { unit: exact, by: 'employer_name', matched: name };
  const key = employers.nameKeys.get(name);
  const similar = key ? (employers.byNameKey.get(key) ?? []) : [];
  const normalised = pickOne(similar, facts, places, districtId);
  if (normalised) return { unit: normalised, by: 'employer_name_normalised', matched: name };
  return null;
}

/**
 * One enterprise out of several of the same name: the one in the hinted district, then the one
 * whose village or town the address (or text) names. Still several: none — a wrong unit would
 * send the case to a mediator who has nothing to do with it, triage costs one look by staff.
 */
function pickOne(
  units: readonly UnitRef[],
  facts: RoutingFacts,
  places: PlaceGazetteer,
  districtId: string | null,
): UnitRef | null {
  if (units.length <= 1) return units[0] ?? null;
  const inDistrict = districtId ? units.filter((u) => districtIdOf(u) === districtId) : [];
  const pool = inDistrict.length ? inDistrict : units;
  if (pool.length === 1) return pool[0]!;
  const named = new Set(
    [facts.eventAddress ?? '', facts.text].flatMap((t) =>
      places.mentionsIn(t).map((m) => m.unit.id),
    ),
  );
  const located = pool.filter((u) => u.parentId !== null && named.has(u.parentId));
  if (located.length === 1) return located[0]!;
  const inTown = pool.filter((u) => named.has(townIdOf(u) ?? ''));
  return inTown.length === 1 ? inTown[0]! : null;
}

/**
 * The most specific place among the mentions: a village (preferring, among villages of the same
 * or different names, those whose town is named too), else a town. Several villages of one town
 * resolve to that town; anything else that stays several is ambiguous.
 */
function choosePlace(mentions: PlaceMention[], places: PlaceGazetteer): PlaceChoice {
  const unique = (level: OrgUnitLevel) => [
    ...new Map(
      mentions.filter((m) => m.unit.level === level).map((m) => [m.unit.id, m.unit]),
    ).values(),
  ];
  const villages = unique(OrgUnitLevel.Village);
  const towns = unique(OrgUnitLevel.Town);
  const namedTowns = new Set(towns.map((t) => t.id));

  const inNamedTown = villages.filter((v) => namedTowns.has(townIdOf(v) ?? ''));
  // A named town outranks villages of other towns: a village name found outside its own town
  // is more likely a road or a shop ("新民村路") than the place itself.
  const pool = towns.length ? inNamedTown : villages;
  if (pool.length) {
    if (pool.length === 1) return { kind: 'unit', unit: pool[0]!, matched: pool[0]!.name };
    const poolTowns = new Set(pool.map((v) => townIdOf(v)));
    const town = poolTowns.size === 1 ? places.get([...poolTowns][0]!) : undefined;
    if (town) return { kind: 'unit', unit: town, matched: pool.map((v) => v.name).join('、') };
    return { kind: 'ambiguous', districtIds: new Set(pool.map(districtIdOf)) };
  }
  if (towns.length === 1) return { kind: 'unit', unit: towns[0]!, matched: towns[0]!.name };
  if (towns.length > 1) return { kind: 'ambiguous', districtIds: new Set(towns.map(districtIdOf)) };
  return { kind: 'none' };
}
