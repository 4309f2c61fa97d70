export * from './extraction/index.js';
export * from './hotline/hotline-incoming.js';
export * from './hotline/hotline-order.input.js';
export * from './import/hotline-import.service.js';
export * from './intake.errors.js';
export * from './intake.module.js';
export * from './intake.service.js';
export * from './intake.types.js';
export { CLUSTER_ALERT_EVENT } from './pipeline/employer-clusters.service.js';
export { COLLECTIVE_WORKERS } from './pipeline/incoming-case.js';
export * from './routing/jurisdiction.js';
export * from './routing/jurisdiction-resolver.service.js';
export * from './routing/place-gazetteer.js';
export * from './routing/unit-directory.service.js';
export * from './routing/unit-ref.js';
export {
  IsoInstant,
  Money,
  PhoneNumber,
  Text,
  WorkerCount,
  isIsoInstant,
  isPhoneNumber,
  moneyText,
} from './input/field-rules.js';
