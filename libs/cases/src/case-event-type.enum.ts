/** Types of the timeline events the cases context writes (later issues add their own). */
export enum CaseEventType {
  /** The case arrived: channel, how it was routed, what was extracted from the free text. */
  Received = 'case.received',
  /** It waits in the district's triage queue (no unit could be decided). */
  Triaged = 'case.triaged',
  /** It waits for the assignment engine to offer it to a mediator. */
  Queued = 'case.queued',
  /** Intake placed a triage case in a unit; it is queued from then on. */
  Routed = 'case.routed',
  /** Sent back to the 12345 hotline (退单), with the reason. */
  Returned = 'case.returned',
}
