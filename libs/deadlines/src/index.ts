// The deadlines context's public door. Only the working-day calendar exists so far; the clocks
// (SLA policies, warnings, breaches) come with the deadlines issue.
export * from './calendar/index.js';
