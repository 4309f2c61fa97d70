import { describe, expect, it } from 'vitest';
import { AssignmentEventType, EXCLUSION_LABELS as ENGINE_EXCLUSION_LABELS } from '@heqi/assignment';
import { CaseEventType } from '@heqi/cases';
import { HotlineFeedbackEventType } from '@heqi/hotline';
import { CLUSTER_ALERT_EVENT } from '@heqi/intake';
import { MediationEventType } from '@heqi/mediation';
import { EXCLUSION_LABELS, TIMELINE_LABELS } from '../apps/console/src/labels.js';

/**
 * The console shows a case's timeline in Chinese: every event type heqi writes needs a label,
 * or users read a raw key such as `mediation.session`. The enums are read here so a new event
 * type fails this test until it is labelled; the deadlines and 12345-reply events are literals
 * in their services, listed here.
 */
const WRITTEN_AS_LITERALS = [
  'deadline.warned',
  'deadline.breached',
  'deadline.paused',
  'deadline.resumed',
  'deadline.extension_requested',
  'deadline.extension_approved',
  'deadline.extension_rejected',
  'deadline.supervision_opened',
  'deadline.supervision_closed',
  'hotline.reply_delivered',
  'hotline.reply_failing',
  CLUSTER_ALERT_EVENT,
];

describe('console timeline labels', () => {
  it('label every event type in Chinese', () => {
    const types = [
      ...Object.values(CaseEventType),
      ...Object.values(AssignmentEventType),
      ...Object.values(MediationEventType),
      ...Object.values(HotlineFeedbackEventType),
      ...WRITTEN_AS_LITERALS,
    ];
    const missing = types.filter((type) => !/[\u4e00-\u9fff]/.test(TIMELINE_LABELS[type] ?? ''));
    expect(missing).toEqual([]);
  });
});

describe('console exclusion labels', () => {
  // The console bundle does not import server libs, so it keeps its own copy of the routing
  // rules' Chinese names (shown as a supervisor's warnings); it must say what the engine says.
  it('match the engine’s, rule for rule', () => {
    expect(EXCLUSION_LABELS).toEqual(ENGINE_EXCLUSION_LABELS);
  });
});
