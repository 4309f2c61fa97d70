import { describe, expect, it } from 'vitest';
import type {
  CandidateExclusion,
  CaseCandidates,
  ExclusionReason,
  OfferRole,
  RankedCandidate,
} from '../../api/types';
import { EXCLUSION_LABELS } from '../../labels';
import { candidateChoices } from './candidate-choices';

/** Every code of libs/assignment `ExclusionReason`. */
const ALL_REASONS = Object.keys(EXCLUSION_LABELS) as ExclusionReason[];

const ranked = (mediatorId: string, rank: number, extra: Partial<RankedCandidate> = {}) =>
  ({
    mediatorId,
    name: mediatorId,
    kind: 'union_staff',
    orgUnitId: 'town',
    level: 'town',
    distance: 1,
    load: 1,
    capacity: 10,
    loadRatio: 0.1,
    lastAssignedAt: null,
    rank,
    ...extra,
  }) satisfies RankedCandidate;

/** Excluded for `reason` (and `more`), as the API reports it. */
const excluded = (
  mediatorId: string,
  reason: ExclusionReason,
  overridable = true,
  more: CandidateExclusion['breaches'] = [],
): CandidateExclusion => {
  const breaches = [{ reason, overridable }, ...more];
  return {
    mediatorId,
    name: mediatorId,
    reason,
    breaches,
    overridable: breaches.every((b) => b.overridable),
  };
};

const view = (role: OfferRole, parts: Partial<CaseCandidates> = {}): CaseCandidates => ({
  caseId: 'case',
  caseNo: 'HQ-1',
  status: 'in_mediation',
  role,
  leadMediatorId: 'lead',
  coMediatorId: 'co',
  ranked: [],
  excluded: [],
  ...parts,
});

/** The choice for a mediator excluded for `reason`, as the API says it may be overridden or not. */
const excludedFor = (role: OfferRole, reason: ExclusionReason, overridable: boolean) =>
  candidateChoices(view(role, { excluded: [excluded('x', reason, overridable)] }))[0]!;

describe('candidateChoices (the API’s rule for naming a mediator, as the console applies it)', () => {
  for (const role of ['lead', 'co'] as const) {
    it(`bars what the API will not override for ${role}, with the reason in Chinese`, () => {
      for (const reason of ALL_REASONS) {
        expect(excludedFor(role, reason, false), reason).toMatchObject({
          barred: EXCLUSION_LABELS[reason],
          overrides: null,
        });
      }
    });

    it(`lets the supervisor override the other rules for ${role}, saying which`, () => {
      for (const reason of ALL_REASONS) {
        expect(excludedFor(role, reason, true), reason).toMatchObject({
          barred: null,
          overrides: EXCLUSION_LABELS[reason],
        });
      }
    });
  }

  it('names every rule an override sets aside, and bars by the rule that binds', () => {
    const [busy, away] = candidateChoices(
      view('lead', {
        excluded: [
          excluded('busy', 'no_skill', true, [{ reason: 'at_capacity', overridable: true }]),
          // The engine stopped at the town-level rule; being inactive is what bars them.
          excluded('away', 'below_town_level', true, [{ reason: 'inactive', overridable: false }]),
        ],
      }),
    );
    expect(busy).toMatchObject({ barred: null, overrides: '不擅长该争议类别、在办案件已满' });
    expect(away).toMatchObject({ barred: '已停用', overrides: null });
  });

  it('lists who fits in the engine’s order first, then the others', () => {
    const choices = candidateChoices(
      view('lead', {
        status: 'queued',
        leadMediatorId: null,
        ranked: [ranked('first', 1), ranked('second', 2)],
        excluded: [excluded('busy', 'at_capacity'), excluded('away', 'unavailable', false)],
      }),
    );
    expect(choices.map((c) => [c.mediatorId, c.ranked?.rank ?? null, c.barred])).toEqual([
      ['first', 1, null],
      ['second', 2, null],
      ['busy', null, null],
      ['away', null, '暂不可用（休假等）'],
    ]);
    expect(choices[0]).toMatchObject({ exclusion: null, overrides: null });
  });

  it('warns of a respondent conflict the engine let go because nobody else fits', () => {
    const [only] = candidateChoices(
      view('lead', { ranked: [ranked('committee', 1, { waived: 'employed_by_respondent' })] }),
    );
    expect(only).toMatchObject({
      barred: null,
      overrides: EXCLUSION_LABELS.employed_by_respondent,
    });
  });

  it('bars the lead holding a case in mediation, wherever the engine lists them', () => {
    for (const parts of [
      { ranked: [ranked('lead', 1)] },
      { excluded: [excluded('lead', 'at_capacity')] },
    ]) {
      expect(candidateChoices(view('lead', parts))[0]).toMatchObject({
        mediatorId: 'lead',
        barred: '已在承办',
        overrides: null,
      });
    }
  });

  it('lets an offered lead be named (the case has no holder yet)', () => {
    expect(
      candidateChoices(view('lead', { status: 'offered', ranked: [ranked('lead', 1)] }))[0]!.barred,
    ).toBeNull();
  });

  it('bars the current co-mediator from co-mediating again, not from leading', () => {
    expect(
      candidateChoices(view('co', { ranked: [ranked('co', 1, { kind: 'volunteer_lawyer' })] }))[0],
    ).toMatchObject({ barred: '已在协同调解', overrides: null });
    expect(
      candidateChoices(view('co', { excluded: [excluded('co', 'at_capacity')] }))[0]!.barred,
    ).toBe('已在协同调解');
    expect(candidateChoices(view('lead', { ranked: [ranked('co', 1)] }))[0]!.barred).toBeNull();
  });
});
