/** Where the reply (or return, 退单) of a 12345 order stands (`hotline_order.reply_state`). */
export enum HotlineReplyState {
  /** Nothing to send yet. */
  None = 'none',
  /** Written to the outbox, not yet accepted by the platform. */
  Pending = 'pending',
  /** The platform answered 2xx. */
  Delivered = 'delivered',
  /** Delivery attempts are failing and being retried. */
  Failing = 'failing',
}
