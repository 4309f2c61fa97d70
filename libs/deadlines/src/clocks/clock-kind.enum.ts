/** The clocks a case can run (design, "Deadlines (SLA)"); one policy row or more per kind. */
export enum ClockKind {
  /** 12345 签收: the network takes the order on (routed out of triage, or first offered). */
  HotlineSignFor = 'hotline_sign_for',
  /** First contact with the claimant, from the mediator's acceptance. */
  FirstContact = 'first_contact',
  /** 12345 办结回复: the reply to the platform; an approved extension adds working days. */
  HotlineReply = 'hotline_reply',
  /** 调解仲裁法 art. 14: 15 days from receiving the application. */
  MediationLimit = 'mediation_limit',
  /** 人民调解法 art. 33: 30 days from the agreement taking effect to apply for 司法确认. */
  JudicialConfirmation = 'judicial_confirmation',
  /** One instalment of an agreement, due on its date (one clock per instalment, by `ref`). */
  AgreementPerformance = 'agreement_performance',
  /** 仲裁时效: one year (调解仲裁法 art. 27), restarted by the mediation application. */
  Limitation = 'limitation',
}

/** Chinese names of the clocks, for notifications and the console. */
export const CLOCK_KIND_LABELS: Record<ClockKind, string> = {
  [ClockKind.HotlineSignFor]: '12345 工单签收',
  [ClockKind.FirstContact]: '首次联系申请人',
  [ClockKind.HotlineReply]: '12345 工单办结回复',
  [ClockKind.MediationLimit]: '法定调解期限（15 日）',
  [ClockKind.JudicialConfirmation]: '司法确认申请期限',
  [ClockKind.AgreementPerformance]: '调解协议履行',
  [ClockKind.Limitation]: '仲裁时效',
};
