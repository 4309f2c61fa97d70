import type { CandidateExclusion, CaseCandidates, RankedCandidate } from '../../api/types';
import { EXCLUSION_LABELS, label } from '../../labels';

/** One person a supervisor may (or may not) name, as the picker lists them. */
export interface CandidateChoice {
  mediatorId: string;
  name: string;
  /** The engine's figures for someone who fits (rank 1: its first choice). */
  ranked: RankedCandidate | null;
  /** The first rule broken by someone who does not fit. */
  exclusion: CandidateExclusion | null;
  /** Why they cannot be named (Chinese), or null when they can. */
  barred: string | null;
  /** The rules naming them sets aside (Chinese), to be said before the supervisor submits. */
  overrides: string | null;
}

/**
 * The candidates view as choices, in the engine's order (who fits, best first, then the others),
 * each selectable as the API allows: not someone breaking a rule it will not let a supervisor
 * override, nor the person already in the part — the lead holding the case (only a case in mediation has a holder;
 * an offered lead may be named, which turns the offer into the case), or the current
 * co-mediator.
 */
export function candidateChoices(view: CaseCandidates): CandidateChoice[] {
  const current =
    view.role === 'lead'
      ? view.status === 'in_mediation'
        ? { id: view.leadMediatorId, barred: '已在承办' }
        : null
      : { id: view.coMediatorId, barred: '已在协同调解' };
  const isCurrent = (mediatorId: string) => !!current?.id && current.id === mediatorId;
  return [
    ...view.ranked.map((r): CandidateChoice => {
      const barred = isCurrent(r.mediatorId) ? current!.barred : null;
      return {
        mediatorId: r.mediatorId,
        name: r.name,
        ranked: r,
        exclusion: null,
        barred,
        // The engine lets this conflict go when nobody else fits; the API still reports it.
        overrides: !barred && r.waived ? label(EXCLUSION_LABELS, r.waived) : null,
      };
    }),
    ...view.excluded.map((e): CandidateChoice => {
      const binding = e.breaches.find((b) => !b.overridable);
      const barred = isCurrent(e.mediatorId)
        ? current!.barred
        : binding
          ? label(EXCLUSION_LABELS, binding.reason)
          : null;
      return {
        mediatorId: e.mediatorId,
        name: e.name,
        ranked: null,
        exclusion: e,
        barred,
        overrides: barred
          ? null
          : e.breaches.map((b) => label(EXCLUSION_LABELS, b.reason)).join('、'),
      };
    }),
  ];
}
