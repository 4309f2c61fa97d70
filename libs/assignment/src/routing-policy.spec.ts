import { describe, expect, it } from 'vitest';
import { DisputeCategory } from '@heqi/core';
import { MediatorKind, OrgUnitLevel } from '@heqi/network';
import { ExclusionReason } from './exclusion-reason.enum.js';
import { OfferRole } from './offer-role.enum.js';
import { type Candidate, type RoutingSubject, rankCandidates } from './routing-policy.js';

/**
 * One test per rule. Each is built so that the rule's absence changes the answer: the candidate
 * the rule removes or demotes would otherwise win on every later criterion.
 */
const NOW = new Date('2026-11-23T02:00:00Z');
const PATHS = {
  district: '/d/',
  town: '/d/t/',
  village: '/d/t/v/',
  enterprise: '/d/t/v/e/',
  otherVillage: '/d/t/w/',
};
const LEVEL_OF: Record<string, OrgUnitLevel> = {
  [PATHS.district]: OrgUnitLevel.District,
  [PATHS.town]: OrgUnitLevel.Town,
  [PATHS.village]: OrgUnitLevel.Village,
  [PATHS.enterprise]: OrgUnitLevel.Enterprise,
  [PATHS.otherVillage]: OrgUnitLevel.Village,
};

function candidate(id: string, path: string, extra: Partial<Candidate> = {}): Candidate {
  return {
    mediatorId: id,
    name: id,
    kind: MediatorKind.UnionStaff,
    orgUnitId: `unit${path}`,
    unitPath: path,
    unitLevel: LEVEL_OF[path]!,
    skills: [DisputeCategory.Wages],
    capacity: 10,
    load: 0,
    active: true,
    unavailableUntil: null,
    lastAssignedAt: null,
    lawFirmConflict: null,
    employedByRespondent: false,
    declinedBefore: false,
    expiredBefore: false,
    releasedBefore: false,
    ...extra,
  };
}

const subject = (extra: Partial<RoutingSubject> = {}): RoutingSubject => ({
  unitPath: PATHS.enterprise,
  category: DisputeCategory.Wages,
  townLevel: false,
  ...extra,
});

const rank = (s: RoutingSubject, cs: Candidate[], role = OfferRole.Lead) =>
  rankCandidates(s, cs, role, NOW);
const chosen = (s: RoutingSubject, cs: Candidate[], role = OfferRole.Lead) =>
  rank(s, cs, role).ranked[0]?.mediatorId ?? null;
const reasonOf = (s: RoutingSubject, cs: Candidate[], id: string, role = OfferRole.Lead) =>
  rank(s, cs, role).excluded.find((e) => e.mediatorId === id)?.reason;

describe('rankCandidates', () => {
  describe('coverage order: enterprise committee → village → town → district pool', () => {
    // The nearer, the busier and the more recently assigned: only "nearest first" picks them.
    const all = [
      candidate('d', PATHS.district, { load: 0, lastAssignedAt: null }),
      candidate('t', PATHS.town, { load: 3, lastAssignedAt: new Date('2026-11-01') }),
      candidate('v', PATHS.village, { load: 6, lastAssignedAt: new Date('2026-11-10') }),
      candidate('e', PATHS.enterprise, { load: 9, lastAssignedAt: new Date('2026-11-20') }),
    ];

    it('offers the nearest mediator first, then the next level up', () => {
      expect(rank(subject(), all).ranked.map((r) => [r.mediatorId, r.distance])).toEqual([
        ['e', 0],
        ['v', 1],
        ['t', 2],
        ['d', 3],
      ]);
      expect(chosen(subject(), all.slice(0, 3))).toBe('v');
      expect(chosen(subject(), all.slice(0, 2))).toBe('t');
      expect(chosen(subject(), all.slice(0, 1))).toBe('d');
    });

    it('never offers outside coverage, however idle the mediator', () => {
      const sibling = candidate('w', PATHS.otherVillage, { load: 0 });
      const cs = [candidate('t', PATHS.town, { load: 9 }), sibling];
      expect(chosen(subject({ unitPath: PATHS.village }), cs)).toBe('t');
      expect(reasonOf(subject({ unitPath: PATHS.village }), cs, 'w')).toBe(
        ExclusionReason.OutOfCoverage,
      );
    });
  });

  it('starts collective disputes at town level', () => {
    const cs = [candidate('v', PATHS.village), candidate('t', PATHS.town, { load: 9 })];
    expect(chosen(subject({ townLevel: true }), cs)).toBe('t');
    expect(reasonOf(subject({ townLevel: true }), cs, 'v')).toBe(ExclusionReason.BelowTownLevel);
    expect(chosen(subject({ townLevel: false }), cs)).toBe('v');
  });

  it('requires the skill of the case category', () => {
    const cs = [
      candidate('v', PATHS.village, { skills: [DisputeCategory.WorkInjury] }),
      candidate('t', PATHS.town, { load: 9 }),
    ];
    expect(chosen(subject(), cs)).toBe('t');
    expect(reasonOf(subject(), cs, 'v')).toBe(ExclusionReason.NoSkill);
    expect(chosen(subject({ category: DisputeCategory.WorkInjury }), cs)).toBe('v');
  });

  it('requires the mediator to be active', () => {
    const cs = [candidate('v', PATHS.village, { active: false }), candidate('t', PATHS.town)];
    expect(chosen(subject(), cs)).toBe('t');
    expect(reasonOf(subject(), cs, 'v')).toBe(ExclusionReason.Inactive);
  });

  it('skips a mediator unavailable until a future time, and takes them back after it', () => {
    const away = (until: string) => [
      candidate('v', PATHS.village, { unavailableUntil: new Date(until) }),
      candidate('t', PATHS.town),
    ];
    expect(chosen(subject(), away('2026-11-24T00:00:00Z'))).toBe('t');
    expect(rank(subject(), away('2026-11-24T00:00:00Z')).excluded[0]).toEqual({
      mediatorId: 'v',
      name: 'v',
      reason: ExclusionReason.Unavailable,
      detail: { until: '2026-11-24T00:00:00.000Z' },
    });
    expect(chosen(subject(), away('2026-11-23T01:59:59Z'))).toBe('v');
  });

  it('keeps load under capacity: a full mediator is passed over, one below is not', () => {
    const cs = (load: number) => [
      candidate('v', PATHS.village, { load, capacity: 5 }),
      candidate('t', PATHS.town),
    ];
    expect(chosen(subject(), cs(5))).toBe('t');
    expect(reasonOf(subject(), cs(5), 'v')).toBe(ExclusionReason.AtCapacity);
    expect(chosen(subject(), cs(6))).toBe('t'); // over after a capacity cut: still full
    expect(chosen(subject(), cs(4))).toBe('v');
    expect(chosen(subject(), [candidate('z', PATHS.village, { capacity: 0 })])).toBeNull();
  });

  describe('回避 (conflicts)', () => {
    it('excludes a volunteer lawyer whose firm acts for the employer', () => {
      const lawyer = (conflict: string | null) =>
        candidate('l', PATHS.district, {
          kind: MediatorKind.VolunteerLawyer,
          lawFirmConflict: conflict,
        });
      const cs = [lawyer('engagement-1'), candidate('d2', PATHS.district, { load: 9 })];
      expect(chosen(subject(), cs)).toBe('d2');
      expect(rank(subject(), cs).excluded).toEqual([
        {
          mediatorId: 'l',
          name: 'l',
          reason: ExclusionReason.LawFirmConflict,
          detail: { engagementId: 'engagement-1' },
        },
      ]);
      expect(chosen(subject(), [lawyer(null), cs[1]!])).toBe('l');
    });

    it('passes over the respondent enterprise’s own committee when another candidate fits', () => {
      const committee = candidate('e', PATHS.enterprise, { employedByRespondent: true });
      const town = candidate('t', PATHS.town, { load: 9 });
      expect(chosen(subject(), [committee, town])).toBe('t');
      expect(reasonOf(subject(), [committee, town], 'e')).toBe(
        ExclusionReason.EmployedByRespondent,
      );
    });

    it('keeps the respondent’s committee, flagged, when nobody else fits', () => {
      const committee = candidate('e', PATHS.enterprise, { employedByRespondent: true });
      const full = candidate('t', PATHS.town, { load: 10 });
      const decision = rank(subject(), [committee, full]);
      expect(decision.ranked).toMatchObject([
        { mediatorId: 'e', waived: ExclusionReason.EmployedByRespondent },
      ]);
      expect(decision.excluded.map((e) => e.reason)).toEqual([ExclusionReason.AtCapacity]);
    });

    it('excludes a mediator who declined this case before', () => {
      const cs = [
        candidate('v', PATHS.village, { declinedBefore: true }),
        candidate('t', PATHS.town),
      ];
      expect(chosen(subject(), cs)).toBe('t');
      expect(reasonOf(subject(), cs, 'v')).toBe(ExclusionReason.DeclinedBefore);
    });

    it('excludes a mediator who let an offer of this case lapse before', () => {
      const cs = [
        candidate('v', PATHS.village, { expiredBefore: true }),
        candidate('t', PATHS.town),
      ];
      expect(chosen(subject(), cs)).toBe('t');
      expect(reasonOf(subject(), cs, 'v')).toBe(ExclusionReason.ExpiredBefore);
    });

    it('excludes a lawyer whose co-mediation of this case ended', () => {
      const cs = [
        candidate('v', PATHS.village, { releasedBefore: true }),
        candidate('t', PATHS.town),
      ];
      expect(chosen(subject(), cs)).toBe('t');
      expect(reasonOf(subject(), cs, 'v')).toBe(ExclusionReason.ReleasedBefore);
    });
  });

  describe('among the nearest', () => {
    it('prefers the least loaded relative to capacity, compared exactly', () => {
      // 3/10 = 0.3 against 1/5 = 0.2; and 1/3 against 2/6, equal, falls to round-robin.
      const a = candidate('a', PATHS.village, { load: 3, capacity: 10 });
      const b = candidate('b', PATHS.village, { load: 1, capacity: 5, lastAssignedAt: NOW });
      expect(chosen(subject(), [a, b])).toBe('b');
      const c = candidate('c', PATHS.village, { load: 1, capacity: 3, lastAssignedAt: NOW });
      const d = candidate('d', PATHS.village, {
        load: 2,
        capacity: 6,
        lastAssignedAt: new Date('2026-11-01'),
      });
      expect(chosen(subject(), [c, d])).toBe('d');
      expect(rank(subject(), [a, b]).ranked.map((r) => r.loadRatio)).toEqual([0.2, 0.3]);
    });

    it('breaks ties round-robin: longest since the last assignment, never assigned first', () => {
      const recent = candidate('a', PATHS.village, { lastAssignedAt: new Date('2026-11-22') });
      const older = candidate('b', PATHS.village, { lastAssignedAt: new Date('2026-11-01') });
      const never = candidate('c', PATHS.village, { lastAssignedAt: null });
      expect(chosen(subject(), [recent, older])).toBe('b');
      expect(rank(subject(), [recent, older, never]).ranked.map((r) => r.mediatorId)).toEqual([
        'c',
        'b',
        'a',
      ]);
    });

    it('orders equal candidates by id, so every worker computes the same ranking', () => {
      const cs = [candidate('b', PATHS.village), candidate('a', PATHS.village)];
      expect(rank(subject(), cs).ranked.map((r) => r.mediatorId)).toEqual(['a', 'b']);
      expect(rank(subject(), [...cs].reverse()).ranked.map((r) => r.mediatorId)).toEqual([
        'a',
        'b',
      ]);
    });
  });

  describe('collective co-mediator', () => {
    const lawyer = (id: string, extra: Partial<Candidate> = {}) =>
      candidate(id, PATHS.district, { kind: MediatorKind.VolunteerLawyer, ...extra });

    it('takes only volunteer lawyers, never the lead, still under every other rule', () => {
      const s = subject({ unitPath: PATHS.town, townLevel: true, leadMediatorId: 'lead' });
      const cs = [
        candidate('staff', PATHS.town),
        lawyer('lead'),
        lawyer('busy', { load: 8, capacity: 8 }),
        lawyer('conflicted', { lawFirmConflict: 'e1' }),
        lawyer('ok', { load: 7, capacity: 8 }),
      ];
      const decision = rank(s, cs, OfferRole.Co);
      expect(decision.ranked.map((r) => r.mediatorId)).toEqual(['ok']);
      expect(Object.fromEntries(decision.excluded.map((e) => [e.mediatorId, e.reason]))).toEqual({
        staff: ExclusionReason.NotVolunteerLawyer,
        lead: ExclusionReason.IsLead,
        busy: ExclusionReason.AtCapacity,
        conflicted: ExclusionReason.LawFirmConflict,
      });
      // As lead, the same union staff member is the first choice.
      expect(chosen(s, cs, OfferRole.Lead)).toBe('staff');
    });
  });

  it('reports a mediator under the first rule they break, capacity last', () => {
    const cs = [
      candidate('x', PATHS.village, {
        active: false,
        skills: [],
        load: 10,
        declinedBefore: true,
      }),
      candidate('y', PATHS.village, { load: 10, declinedBefore: true }),
    ];
    expect(rank(subject(), cs).excluded.map((e) => [e.mediatorId, e.reason])).toEqual([
      ['x', ExclusionReason.Inactive],
      ['y', ExclusionReason.DeclinedBefore],
    ]);
  });
});
