import type { TownProfile } from './history/synthetic-history.js';

/**
 * The year the demo shows. 东港镇 follows the published figures of one town (design.md: 673
 * hotline labour-dispute orders, 98% settled, ¥8.17M involved); the other two towns are
 * smaller and less successful, so rankings and comparisons have something to show.
 */
export const DEMO_PROFILES: readonly TownProfile[] = [
  {
    townRef: 'T1',
    hotlineCases: 673,
    walkInCases: 48,
    settlementRate: 0.98,
    amountInvolved: 8_170_000,
  },
  {
    townRef: 'T2',
    hotlineCases: 312,
    walkInCases: 40,
    settlementRate: 0.88,
    amountInvolved: 3_460_000,
  },
  {
    townRef: 'T3',
    hotlineCases: 226,
    walkInCases: 31,
    settlementRate: 0.81,
    amountInvolved: 2_380_000,
  },
];
