import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Actor, SystemActor } from '@heqi/core';
import { type CaseStatus, CasesService, type CreatedCase } from '@heqi/cases';
import { EmployerClusters } from './employer-clusters.service.js';
import type { PreparedCase } from './incoming-case.js';

/** What writing one prepared case did. */
export type WriteOutcome =
  | { duplicate: false; created: CreatedCase }
  | { duplicate: true; caseId: string; caseNo: string; status: CaseStatus };

/** A write that failed for this case only (the others of its chunk were written). */
export interface WriteFailure {
  failed: unknown;
}

/**
 * Writes prepared cases. One transaction holds, in this order (the same for every writer, so no
 * two transactions wait on each other in a cycle): the order-number claims (sorted), the
 * employer clusters (sorted keys), then the cases — whose creation locks the district's
 * case-number counter until commit — and last the cluster alerts.
 */
@Injectable()
export class IntakeWriter {
  private readonly logger = new Logger(IntakeWriter.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CasesService) private readonly cases: CasesService,
    @Inject(EmployerClusters) private readonly clusters: EmployerClusters,
  ) {}

  /** All of `prepared` in one transaction: every case is written, or none (the error is thrown). */
  writeAll(prepared: readonly PreparedCase[], by: Actor | SystemActor): Promise<WriteOutcome[]> {
    return this.dataSource.transaction((manager) => this.write(manager, prepared, by));
  }

  /**
   * A chunk of a batch or import: written in one transaction, since almost every chunk is
   * clean, and if anything in it fails (a rule CasesService enforces, a deadlock), rolled back
   * and written again one case per transaction, so that only the bad case fails. Never throws
   * for a single case; the failure is its outcome.
   */
  async writeIsolated(
    prepared: readonly PreparedCase[],
    by: Actor | SystemActor,
  ): Promise<(WriteOutcome | WriteFailure)[]> {
    if (prepared.length === 0) return [];
    try {
      return await this.writeAll(prepared, by);
    } catch (err) {
      if (prepared.length > 1) {
        this.logger.warn(`intake chunk of ${prepared.length} failed, writing one by one: ${err}`);
      }
    }
    const outcomes: (WriteOutcome | WriteFailure)[] = [];
    for (const one of prepared) {
      try {
        outcomes.push(
          (await this.writeAll([one], by).catch(retryDeadlock(() => this.writeAll([one], by))))[0]!,
        );
      } catch (failed) {
        outcomes.push({ failed });
      }
    }
    return outcomes;
  }

  private async write(
    manager: EntityManager,
    prepared: readonly PreparedCase[],
    by: Actor | SystemActor,
  ): Promise<WriteOutcome[]> {
    const outcomes: (WriteOutcome | undefined)[] = Array.from({ length: prepared.length });
    const byOrderNo = prepared
      .map((p, i) => [p, i] as const)
      .sort(([a], [b]) => compare(a.claim?.orderNo ?? '', b.claim?.orderNo ?? ''));
    const fresh: number[] = [];
    for (const [p, i] of byOrderNo) {
      if (p.claim) {
        const claim = await this.cases.claimHotlineOrder(manager, p.claim);
        if (!claim.claimed) {
          const { caseId, caseNo, status } = claim;
          outcomes[i] = { duplicate: true, caseId, caseNo, status };
          continue;
        }
      }
      fresh.push(i);
    }
    fresh.sort((a, b) => a - b);

    const joins = await this.clusters.join(
      manager,
      fresh.map((i) => prepared[i]!.cluster),
    );
    const alerts: string[] = [];
    for (const [n, i] of fresh.entries()) {
      const join = joins[n];
      if (join?.alert) alerts.push(join.clusterId);
      const draft = { ...prepared[i]!.draft, clusterId: join?.clusterId ?? null };
      outcomes[i] = { duplicate: false, created: await this.cases.create(manager, draft, by) };
    }
    await this.clusters.alert(manager, alerts, by);
    return outcomes as WriteOutcome[];
  }
}

/** Byte order, the same in every process (lock order must not depend on a locale). */
const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Postgres broke a deadlock or a serialisation conflict by failing us: one retry is the cure. */
const retryDeadlock =
  <T>(again: () => Promise<T>) =>
  (err: unknown): Promise<T> => {
    const code = (err as { code?: string } | null)?.code;
    if (code === '40P01' || code === '40001') return again();
    throw err;
  };
