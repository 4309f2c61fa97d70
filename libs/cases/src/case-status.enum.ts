/** A case's place in its life (contract "Cases"). A reopened case goes back to `in_mediation`. */
export enum CaseStatus {
  /** Not yet placed in the network: waits in the district's triage queue. */
  Triage = 'triage',
  Queued = 'queued',
  Offered = 'offered',
  InMediation = 'in_mediation',
  Closed = 'closed',
  /** Sent back to the 12345 hotline (退单). */
  Returned = 'returned',
}
