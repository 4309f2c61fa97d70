export * from './assignment-engine.service.js';
export * from './assignment-event-type.enum.js';
export * from './assignment-sweep.service.js';
export * from './assignment-views.service.js';
export * from './assignment.errors.js';
export * from './assignment.module.js';
export * from './case-candidates.service.js';
export * from './co-mediation.service.js';
export * from './exclusion-reason.enum.js';
export * from './law-firm-engagements.service.js';
export * from './offer-role.enum.js';
export * from './offer-state.enum.js';
export * from './offers.service.js';
export * from './reassignment.service.js';
export * from './waiting-cases.js';
export { offerExpiry, type OfferTtlClock } from './offer-clock.js';
export {
  type Candidate,
  type Exclusion,
  type RankedCandidate,
  type RoutingDecision,
  type RoutingSubject,
  rankCandidates,
  ruleBreaches,
} from './routing-policy.js';
