/** Who an offer asks: the lead holder, or a collective dispute's volunteer-lawyer co-mediator. */
export enum OfferRole {
  Lead = 'lead',
  Co = 'co',
}
