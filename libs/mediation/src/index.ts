// The mediation context's public door: the mediator's work on a case, closing with an outcome,
// the agreement (调解协议书) and its performance (payments, defaults, the 支付令 packet).
export * from './agreements/agreement-pdf.js';
export * from './agreements/agreements.service.js';
export * from './attachments/attachment-store.js';
export { ALLOWED_ATTACHMENT_TYPES, sniffAttachmentType } from './attachments/attachment-type.js';
export * from './attachments/attachments.service.js';
export type { WorkedCase, CaseNeed } from './case-access.js';
export * from './chinese-amount.js';
export * from './closing/close-rules.js';
export * from './closing/closing.service.js';
export * from './entities/agreement-instalment.entity.js';
export * from './entities/case-agreement.entity.js';
export * from './entities/case-attachment.entity.js';
export * from './entities/case-note.entity.js';
export * from './entities/case-payment.entity.js';
export * from './entities/case-session.entity.js';
export * from './mediation-event-type.enum.js';
export * from './mediation.errors.js';
export * from './mediation.module.js';
export { fromFen, toFen } from './money.js';
export * from './payments/payment-allocation.js';
export * from './payments/payment-defaults.service.js';
export * from './payments/payments.service.js';
export * from './work/case-work.service.js';
