/** Timeline events the assignment engine and its endpoints write on a case. */
export enum AssignmentEventType {
  /** Offered to a lead mediator: `{ offerId, chosen, candidates, excluded, expiresAt }`. */
  Offered = 'assignment.offered',
  /** Offered to a volunteer lawyer as co-mediator of a collective dispute. */
  CoOffered = 'assignment.co_offered',
  /** Nobody fits: the case stays queued and the unit's supervisors are alerted. */
  NoCandidate = 'assignment.no_candidate',
  /** No volunteer lawyer fits as co-mediator; the lead mediates alone. */
  CoNone = 'assignment.co_none',
  Accepted = 'assignment.accepted',
  CoAccepted = 'assignment.co_accepted',
  Declined = 'assignment.declined',
  Expired = 'assignment.expired',
  /** An open offer withdrawn because a supervisor reassigned the case. */
  Withdrawn = 'assignment.withdrawn',
  /** A supervisor gave the case to a named mediator directly. */
  Reassigned = 'assignment.reassigned',
  /** A supervisor made a named volunteer lawyer the case's co-mediator directly. */
  CoAppointed = 'assignment.co_appointed',
  /** A co-mediation ended: released by a supervisor or withdrawn by the lawyer. */
  CoEnded = 'assignment.co_ended',
}
