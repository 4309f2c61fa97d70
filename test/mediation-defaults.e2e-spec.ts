import type { INestApplicationContext } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PaymentDefaultsService } from '@heqi/mediation';
import { testConfig, waitFor } from '@heqi/testing';
import { type DeadlinesWorld, startDeadlinesWorld } from './support/deadlines-world.js';
import { startWorker } from './support/test-apps.js';

/**
 * Payment defaults with the real worker: an instalment's delayed job raises its default through
 * BullMQ; when that job is lost (its outbox row gone before the relay), the periodic sweep raises
 * it instead; and running the job and the sweep again changes nothing — one alert per default.
 */
describe('payment defaults through the worker', () => {
  let world: DeadlinesWorld;
  let worker: INestApplicationContext | undefined;

  beforeAll(async () => {
    world = await startDeadlinesWorld();
  });

  afterAll(async () => {
    await worker?.close();
    await world?.close();
  });

  /** A case held by M-T1a, closed settled with one instalment already past due. */
  const settledPastDue = async (): Promise<{ caseId: string; instalmentId: string }> => {
    const created = await world.createCase();
    await world.holdBy(created.id, 'M-T1a');
    const res = await world.post('medT1a', `/cases/${created.id}/close`, {
      outcome: 'settled',
      handlingSummary: '双方达成协议。',
      agreement: {
        terms: '被申请人于2026年11月10日前支付工资8000元。',
        amountAgreed: '8000',
        signedAt: '2026-11-01T10:00:00+08:00',
        instalments: [{ dueDate: '2026-11-10', amount: '8000' }],
      },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const { rows } = await world.sql.query(
      `SELECT id FROM agreement_instalment WHERE case_id = $1`,
      [created.id],
    );
    return { caseId: created.id, instalmentId: rows[0].id as string };
  };

  const alerts = async (caseId: string): Promise<number> =>
    Number(
      (
        await world.sql.query(
          `SELECT count(*) FROM case_event WHERE case_id = $1 AND type = 'mediation.payment_default'`,
          [caseId],
        )
      ).rows[0].count,
    );

  it('raises each default once, also when its job was lost (the sweep), never twice', async () => {
    const byJob = await settledPastDue();
    const lost = await settledPastDue();
    // The second instalment's job is lost before any relay saw it.
    const deleted = await world.sql.query(
      `DELETE FROM outbox_message WHERE job_name = 'mediation.instalment-due'
         AND payload->>'instalmentId' = $1`,
      [lost.instalmentId],
    );
    expect(deleted.rowCount).toBe(1);

    worker = await startWorker(testConfig(world.db.url, { HEQI_PAYMENT_DEFAULT_SWEEP_MS: '500' }));
    await waitFor('default raised (job or sweep)', async () => (await alerts(byJob.caseId)) > 0);
    await waitFor('default raised by the sweep', async () => (await alerts(lost.caseId)) > 0);

    // The job again (a redelivery) and more sweeps, some concurrently.
    const defaults = world.api.app.get(PaymentDefaultsService);
    const again = await Promise.all([
      defaults.raiseOne(byJob.instalmentId),
      defaults.raiseOne(lost.instalmentId),
      defaults.sweep(),
      defaults.sweep(),
    ]);
    expect(again.map((r) => r.raised)).toEqual([0, 0, 0, 0]);
    expect(await alerts(byJob.caseId)).toBe(1);
    expect(await alerts(lost.caseId)).toBe(1);

    // The notifications of the alert were delivered through their own job, once each.
    await waitFor('notifications sent', async () => {
      const { rows } = await world.sql.query(
        `SELECT sms_state FROM notification WHERE case_id = ANY($1::uuid[])
           AND kind = 'mediation.payment_default'`,
        [[byJob.caseId, lost.caseId]],
      );
      return rows.length > 0 && rows.every((r) => r.sms_state !== 'pending');
    });
    const packet = await world.get('supT1', `/cases/${lost.caseId}/payment-default-packet`);
    expect(packet.status).toBe(200);
    expect(packet.body.owed).toMatchObject({ overdue: '8000.00', overdueInWords: '捌仟元整' });
  });
});
