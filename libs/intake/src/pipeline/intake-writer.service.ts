import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { type Actor, type SystemActor, sharedTransaction } from '@heqi/core';
import { type CaseStatus, CasesService, type CreatedCase } from '@heqi/cases';
import { EmployerClusters } from './employer-clusters.service.js';
import type { PreparedCase } from './incoming-case.js';

/** What writing one prepared case did. */
export type WriteOutcome =
  | { duplicate: false; created: CreatedCase }
  | { duplicate: true; caseId: string; caseNo: string; status: CaseStatus };

/** A write that failed for this case only (the others written with it were not affected). */
export interface WriteFailure {
  failed: unknown;
}

/** A prepared case and who is creating it (each keeps its own actor for audit and timeline). */
export interface WriteRequest {
  prepared: PreparedCase;
  by: Actor | SystemActor;
}

interface Waiting extends WriteRequest {
  done: (outcome: WriteOutcome | WriteFailure) => void;
}

/** At most this many cases per transaction (a whole batch of 500 is one). */
const MAX_PER_TRANSACTION = 500;

/**
 * Transactions one district may have under way at once in this process. Two: while one waits
 * on a round trip the other works, and on a busy machine an intake transaction is mostly round
 * trips. bench/assignment (200 pushes/s, one district, 2026-11-23): with one, the lane was busy
 * all the time and batches grew to 80 cases and 440 ms; with two, intake→offered p95 fell from
 * 770–1,120 ms to about 300 ms. They share little: orders against one employer meet at the
 * cluster lock, and every transaction at the counter, for its last statement and commit.
 * (Two were measured slower once, when cluster alerts were written three statements a cluster
 * after the counter was taken; now they are two statements in all.)
 */
const TRANSACTIONS_PER_DISTRICT = 2;

/**
 * Writes prepared cases, coalescing what arrives together.
 *
 * Every district has one lane in this process: at most {@link TRANSACTIONS_PER_DISTRICT}
 * transactions at a time, each taking everything that is waiting (up to
 * {@link MAX_PER_TRANSACTION}), so concurrent single pushes share a transaction and a commit,
 * and a batch's chunks do not starve them. A transaction costs a
 * fixed number of multi-row statements whatever its size (claims, clusters, then
 * `CasesService.createMany`), so the more waits, the cheaper each case.
 *
 * One transaction holds, in this order (the same for every writer, so no two transactions wait
 * on each other in a cycle): the order-number claims (sorted), the employer clusters (sorted
 * keys), then the cases — whose last statement takes the district's case-number counter, held
 * until commit — and last the cluster alerts (once per cluster: one read and one write for all).
 * If anything in a shared transaction fails (a rule CasesService enforces, a deadlock), it is
 * rolled back and its cases are written again one per transaction, so only the bad one fails.
 */
@Injectable()
export class IntakeWriter {
  private readonly logger = new Logger(IntakeWriter.name);
  private readonly lanes = new Map<string, Waiting[]>();
  /** Transactions under way per district. */
  private readonly busy = new Map<string, number>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CasesService) private readonly cases: CasesService,
    @Inject(EmployerClusters) private readonly clusters: EmployerClusters,
  ) {}

  /** Writes `requests`; each gets its own outcome, in order. Never throws for one case. */
  submit(requests: readonly WriteRequest[]): Promise<(WriteOutcome | WriteFailure)[]> {
    const outcomes = requests.map(
      (request) =>
        new Promise<WriteOutcome | WriteFailure>((done) => {
          const district = request.prepared.districtId;
          const lane = this.lanes.get(district);
          if (lane) lane.push({ ...request, done });
          else this.lanes.set(district, [{ ...request, done }]);
        }),
    );
    for (const district of new Set(requests.map((r) => r.prepared.districtId))) {
      for (let n = 0; n < TRANSACTIONS_PER_DISTRICT; n++) void this.drain(district);
    }
    return Promise.all(outcomes);
  }

  private async drain(district: string): Promise<void> {
    const running = this.busy.get(district) ?? 0;
    if (running >= TRANSACTIONS_PER_DISTRICT) return;
    this.busy.set(district, running + 1);
    try {
      for (let lane = this.lanes.get(district); lane?.length; lane = this.lanes.get(district)) {
        const taken = lane.splice(0, MAX_PER_TRANSACTION);
        if (!lane.length) this.lanes.delete(district);
        const outcomes = await this.writeIsolated(taken);
        taken.forEach((w, i) => w.done(outcomes[i]!));
      }
    } finally {
      const left = this.busy.get(district)! - 1;
      if (left) this.busy.set(district, left);
      else this.busy.delete(district);
    }
  }

  /** All of `requests` in one transaction, or, if that fails, one per transaction. */
  private writeIsolated(
    requests: readonly WriteRequest[],
  ): Promise<(WriteOutcome | WriteFailure)[]> {
    return sharedTransaction(
      this.dataSource,
      requests,
      (manager, some) => this.write(manager, some),
      (failed) =>
        this.logger.warn(
          `intake of ${requests.length} cases failed, writing one by one: ${String(failed)}`,
        ),
    );
  }

  private async write(
    manager: EntityManager,
    requests: readonly WriteRequest[],
  ): Promise<WriteOutcome[]> {
    const outcomes: (WriteOutcome | undefined)[] = Array.from({ length: requests.length });
    // The same order twice in one transaction: the first claims it, the others answer with its
    // case (a second claim here would find the number taken by a case not yet created).
    const sameAs = new Map<number, number>();
    const firstOf = new Map<string, number>();
    const claiming: number[] = [];
    requests.forEach(({ prepared }, i) => {
      const orderNo = prepared.claim?.orderNo;
      if (orderNo === undefined) return claiming.push(i);
      const first = firstOf.get(orderNo);
      if (first === undefined) {
        firstOf.set(orderNo, i);
        claiming.push(i);
      } else sameAs.set(i, first);
    });
    claiming.sort((a, b) =>
      compare(
        requests[a]!.prepared.claim?.orderNo ?? '',
        requests[b]!.prepared.claim?.orderNo ?? '',
      ),
    );

    const claims = claiming.flatMap((i) => {
      const claim = requests[i]!.prepared.claim;
      return claim ? [{ i, claim }] : [];
    });
    const results = await this.cases.claimHotlineOrders(
      manager,
      claims.map((c) => c.claim),
    );
    const taken = new Set<number>();
    claims.forEach(({ i }, n) => {
      const result = results[n]!;
      if (result.claimed) return;
      const { caseId, caseNo, status } = result;
      outcomes[i] = { duplicate: true, caseId, caseNo, status };
      taken.add(i);
    });
    const fresh = claiming.filter((i) => !taken.has(i)).sort((a, b) => a - b);

    // The employer cluster only for cases whose employer is known (the others have none).
    const { joins, save } = await this.clusters.join(
      manager,
      fresh.map((i) => requests[i]!.prepared.cluster),
    );
    const alerts: { clusterId: string; by: Actor | SystemActor }[] = [];
    const drafts = fresh.map((i, n) => {
      const { prepared, by } = requests[i]!;
      const join = joins[n];
      if (join?.alert) alerts.push({ clusterId: join.clusterId, by });
      const draft = { ...prepared.draft, clusterId: join?.clusterId ?? null };
      // Claimed in this transaction: the clocks need not read the deadline back.
      if (prepared.claim) draft.replyDeadline = prepared.claim.replyDeadline ?? null;
      return { draft, by };
    });
    // All cases in one go, the clusters saved in its last statement, which takes their numbers.
    const created = await this.cases.createMany(manager, drafts, save ? [save] : []);
    fresh.forEach((i, n) => (outcomes[i] = { duplicate: false, created: created[n]! }));
    await this.clusters.alert(manager, alerts);

    for (const [i, first] of sameAs) {
      const outcome = outcomes[first]!;
      outcomes[i] = outcome.duplicate
        ? outcome
        : {
            duplicate: true,
            caseId: outcome.created.id,
            caseNo: outcome.created.caseNo,
            status: outcome.created.status as CaseStatus,
          };
    }
    return outcomes as WriteOutcome[];
  }
}

/** Byte order, the same in every process (lock order must not depend on a locale). */
const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
