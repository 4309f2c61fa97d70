/** Timeline events the mediation context writes. */
export enum MediationEventType {
  FirstContact = 'mediation.first_contact',
  Session = 'mediation.session',
  Note = 'mediation.note',
  Attachment = 'mediation.attachment',
  /** The hotline reply is built from this event's data (see libs/hotline HotlineReplies). */
  Closed = 'case.closed',
  Payment = 'mediation.payment',
  InstalmentPaid = 'mediation.instalment_paid',
  PaymentDefault = 'mediation.payment_default',
}
