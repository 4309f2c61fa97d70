import { AssignmentError } from './assignment.errors.js';

/** Reasons are shown to supervisors and kept on the timeline: long enough to say something. */
const REASON_MIN = 2;
const REASON_MAX = 500;

/**
 * The trimmed reason a decline, reassignment or co-mediation change must state, or
 * `ASSIGNMENT_INVALID` naming the field with `prompt` (e.g. 请填写拒绝原因) and the length.
 */
export function statedReason(reason: unknown, prompt: string): string {
  const why = typeof reason === 'string' ? reason.trim() : '';
  if ([...why].length < REASON_MIN || [...why].length > REASON_MAX) {
    throw AssignmentError.invalid([
      { field: 'reason', message: `${prompt}（${REASON_MIN}–${REASON_MAX} 字）` },
    ]);
  }
  return why;
}
