/** An offer's life: open until answered, lapsed, or withdrawn by a reassignment. */
export enum OfferState {
  Open = 'open',
  Accepted = 'accepted',
  Declined = 'declined',
  Expired = 'expired',
  Withdrawn = 'withdrawn',
}
