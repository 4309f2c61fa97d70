import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppConfig } from '@heqi/core';
import { OfferLedger } from './offer-ledger.service.js';
import { OffersService } from './offers.service.js';

/** Work one sweep takes on at most; the next sweep takes the rest. */
const BATCH = 500;

/**
 * The periodic safety net of assignment, re-deriving from Postgres what Redis may have lost:
 *
 * - open offers past their expiry are lapsed (normally their delayed ExpireOffer job did it;
 *   the conditional close makes the two race harmlessly);
 * - queued cases without an offer, not tried for one sweep interval, are handed to the engine
 *   again: this is how a case nobody could take is retried when a mediator comes back from
 *   leave, gets a higher capacity, or finishes a case — none of which the network or the cases
 *   context has to tell assignment about.
 */
@Injectable()
export class AssignmentSweepService {
  private readonly logger = new Logger(AssignmentSweepService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(AppConfig) private readonly config: AppConfig,
    @Inject(OffersService) private readonly offers: OffersService,
    @Inject(OfferLedger) private readonly ledger: OfferLedger,
  ) {}

  async sweep(): Promise<{ expired: number; retried: number }> {
    const due = (await this.dataSource.query(
      `SELECT id FROM case_offer WHERE state = 'open' AND expires_at <= now()
        ORDER BY expires_at LIMIT $1`,
      [BATCH],
    )) as { id: string }[];
    let expired = 0;
    for (const { id } of due) {
      try {
        if (await this.offers.expire(id)) expired++;
      } catch (err) {
        // One bad offer must not stop the others; the next sweep tries it again.
        this.logger.warn(`offer ${id} not lapsed this sweep: ${String(err)}`);
      }
    }
    return { expired, retried: await this.retryWaiting() };
  }

  /**
   * Asks the engine again for queued cases without an open lead offer whose last try (or
   * request) is older than one sweep interval. Stamping `last_attempt_at` with the request keeps
   * a backlog from being requested again on every sweep before the engine got to it.
   */
  private async retryWaiting(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const waiting = (await manager.query(
        `SELECT c.id FROM mediation_case c
           LEFT JOIN case_assignment ca ON ca.case_id = c.id
          WHERE c.status = 'queued'
            AND NOT EXISTS (SELECT 1 FROM case_offer o
                             WHERE o.case_id = c.id AND o.role = 'lead' AND o.state = 'open')
            AND coalesce(ca.last_attempt_at, c.updated_at) < now() - make_interval(secs => $1)
          ORDER BY coalesce(ca.last_attempt_at, c.updated_at), c.id
          LIMIT $2
          FOR UPDATE OF c SKIP LOCKED`,
        [this.config.assignment.sweepMs / 1000, BATCH],
      )) as { id: string }[];
      if (waiting.length === 0) return 0;
      const ids = waiting.map((w) => w.id);
      await manager.query(
        `INSERT INTO case_assignment (case_id, queued_since, last_attempt_at)
         SELECT c.id, c.updated_at, now() FROM mediation_case c WHERE c.id = ANY ($1::uuid[])
         ON CONFLICT (case_id) DO UPDATE SET last_attempt_at = now()`,
        [ids],
      );
      for (const id of ids) await this.ledger.requestAssignment(manager, id);
      return ids.length;
    });
  }
}
