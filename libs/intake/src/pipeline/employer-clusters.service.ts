import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  AppConfig,
  AuditLog,
  type Actor,
  type SqlStatement,
  type SystemActor,
  runTogether,
} from '@heqi/core';
import { CaseTimeline } from '@heqi/cases';
import { COLLECTIVE_WORKERS, type ClusterRequest } from './incoming-case.js';

/** The cluster a case joined, and whether it was the one that took the cluster to the alert. */
export interface ClusterJoin {
  clusterId: string;
  alert: boolean;
}

/** What joining did: each request's cluster, and the statement that saves the clusters. */
export interface ClusterJoining {
  joins: (ClusterJoin | null)[];
  /**
   * Writes the clusters' new state (null when no request had an employer). Run it in the same
   * transaction, at the latest with the cases that name the clusters: `CasesService.createMany`
   * takes it `alongside` its case rows, one round trip fewer than running it alone.
   */
  save: SqlStatement | null;
}

interface ClusterRow {
  id: string;
  employer_key: string;
  org_unit_id: string | null;
  first_at: Date;
  last_at: Date;
  worker_total: number;
  alerted_at: Date | null;
}

const DAY_MS = 24 * 3600 * 1000;

/** Timeline event written on every case of a cluster when it reaches the alert threshold. */
export const CLUSTER_ALERT_EVENT = 'cluster.alert';

/**
 * Links orders against one employer received within the window (HEQI_CLUSTER_WINDOW_DAYS) in
 * an `employer_cluster`, so a brewing collective dispute is seen before it is one. When a
 * cluster's workers reach {@link COLLECTIVE_WORKERS} the town's supervisors are alerted, once
 * (`alerted_at`): a `cluster.alert` timeline event on every case of the cluster and an audit
 * entry at the town, both in Postgres where the notification work (a later issue) picks them
 * up — until it exists, supervisors see the alert on the cases and in their audit log.
 */
@Injectable()
export class EmployerClusters {
  constructor(
    @Inject(AppConfig) private readonly config: AppConfig,
    @Inject(CaseTimeline) private readonly timeline: CaseTimeline,
    @Inject(AuditLog) private readonly audit: AuditLog,
  ) {}

  /**
   * Joins each request to its employer's current cluster, or starts one, inside the caller's
   * transaction. Concurrency-safe: every key is locked (transaction advisory lock, then the
   * rows FOR UPDATE) in sorted order before anything is read, so two transactions never build
   * two clusters for one employer and never wait on each other in a cycle. Call it before the
   * cases are created: the case-number counter is locked last, by every writer. The clusters
   * are written by the returned `save`, which the caller runs.
   */
  async join(
    manager: EntityManager,
    requests: readonly (ClusterRequest | null)[],
  ): Promise<ClusterJoining> {
    const wanted = requests.filter((r): r is ClusterRequest => r !== null);
    if (wanted.length === 0) return { joins: requests.map(() => null), save: null };
    const keys = [...new Set(wanted.map((r) => r.key))].sort();
    const windowMs = this.config.intake.clusterWindowDays * DAY_MS;
    const earliest = new Date(Math.min(...wanted.map((r) => r.at.getTime())) - windowMs);

    await manager.query(
      `SELECT pg_advisory_xact_lock(hashtextextended('heqi.employer_cluster:' || k, 0))
         FROM unnest($1::text[]) AS k`,
      [keys],
    );
    const rows = (await manager.query(
      `SELECT id, employer_key, org_unit_id, first_at, last_at, worker_total, alerted_at
         FROM employer_cluster
        WHERE employer_key = ANY($1::text[]) AND last_at >= $2
        ORDER BY last_at DESC, id
        FOR UPDATE`,
      [keys, earliest],
    )) as ClusterRow[];

    const clusters = new Map<string, ClusterRow[]>();
    for (const row of rows)
      clusters.set(row.employer_key, [...(clusters.get(row.employer_key) ?? []), row]);
    const touched = new Set<ClusterRow>();
    const joins = new Map<ClusterRequest, ClusterJoin>();
    // Oldest first, so a batch of historical orders builds the clusters it would have built live.
    for (const request of [...wanted].sort((a, b) => a.at.getTime() - b.at.getTime())) {
      const at = request.at.getTime();
      const list = clusters.get(request.key) ?? [];
      let cluster = list.find(
        (c) => c.last_at.getTime() >= at - windowMs && c.first_at.getTime() <= at + windowMs,
      );
      if (!cluster) {
        cluster = {
          id: randomUUID(),
          employer_key: request.key,
          org_unit_id: request.unitId,
          first_at: request.at,
          last_at: request.at,
          worker_total: 0,
          alerted_at: null,
        };
        clusters.set(request.key, [cluster, ...list]);
      }
      cluster.first_at = new Date(Math.min(cluster.first_at.getTime(), at));
      cluster.last_at = new Date(Math.max(cluster.last_at.getTime(), at));
      cluster.worker_total += request.workers;
      const alert = cluster.alerted_at === null && cluster.worker_total >= COLLECTIVE_WORKERS;
      if (alert) cluster.alerted_at = new Date();
      touched.add(cluster);
      joins.set(request, { clusterId: cluster.id, alert });
    }

    const changed = [...touched];
    const column = <K extends keyof ClusterRow>(key: K) => changed.map((c) => c[key]);
    const save: SqlStatement = {
      sql: `INSERT INTO employer_cluster AS c
              (id, employer_key, org_unit_id, first_at, last_at, worker_total, alerted_at)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::timestamptz[],
                            $5::timestamptz[], $6::int[], $7::timestamptz[])
       ON CONFLICT (id) DO UPDATE
          SET first_at = EXCLUDED.first_at, last_at = EXCLUDED.last_at,
              worker_total = EXCLUDED.worker_total, alerted_at = EXCLUDED.alerted_at`,
      params: [
        column('id'),
        column('employer_key'),
        column('org_unit_id'),
        column('first_at'),
        column('last_at'),
        column('worker_total'),
        column('alerted_at'),
      ],
    };
    return { joins: requests.map((r) => (r ? joins.get(r)! : null)), save };
  }

  /**
   * Records the alert of each cluster that just reached the threshold: a `cluster.alert` event
   * on every case of the cluster and one audit entry at the cluster's town (so its supervisors
   * find it), each cluster under the actor whose case took it there. Call after the cases are
   * created, in the same transaction: one read and one write for all the clusters, however many
   * (a burst of orders against many employers alerts many clusters in one intake transaction).
   */
  async alert(
    manager: EntityManager,
    alerts: readonly { clusterId: string; by: Actor | SystemActor }[],
  ): Promise<void> {
    const byCluster = new Map<string, Actor | SystemActor>();
    for (const { clusterId, by } of alerts)
      if (!byCluster.has(clusterId)) byCluster.set(clusterId, by);
    if (byCluster.size === 0) return;
    const rows = (await manager.query(
      `SELECT k.id AS cluster_id, c.id, c.case_no, k.worker_total, k.org_unit_id, k.first_at,
              k.last_at, u.path, u.name AS unit_name
         FROM employer_cluster k
         JOIN mediation_case c ON c.cluster_id = k.id
         LEFT JOIN org_unit u ON u.id = k.org_unit_id
        WHERE k.id = ANY($1::uuid[])
        ORDER BY k.id, c.received_at, c.id`,
      [[...byCluster.keys()]],
    )) as ClusterCaseRow[];
    const casesOf = new Map<string, ClusterCaseRow[]>();
    for (const row of rows)
      casesOf.set(row.cluster_id, [...(casesOf.get(row.cluster_id) ?? []), row]);

    const writes = [...casesOf].flatMap(([clusterId, cases]) => {
      const first = cases[0]!;
      const by = byCluster.get(clusterId)!;
      const data = {
        clusterId,
        workerTotal: first.worker_total,
        caseCount: cases.length,
        caseNos: cases.map((c) => c.case_no),
        orgUnitId: first.org_unit_id,
        orgUnitName: first.unit_name,
        firstAt: first.first_at,
        lastAt: first.last_at,
        message: `同一用人单位 ${cases.length} 件诉求涉及 ${first.worker_total} 名劳动者，已达群体性争议预警线，请镇（街道）督导关注`,
      };
      return [
        this.timeline.appendStatement(
          by,
          cases.map((c) => ({ caseId: c.id, type: CLUSTER_ALERT_EVENT, data })),
        ),
        this.audit.recordStatement(by, {
          action: CLUSTER_ALERT_EVENT,
          objectType: 'employer_cluster',
          objectId: clusterId,
          orgPath: first.path,
          data,
        }),
      ];
    });
    await runTogether(manager, writes);
  }
}

/** A case of an alerted cluster, with the cluster's figures (one row per case). */
interface ClusterCaseRow {
  cluster_id: string;
  id: string;
  case_no: string;
  worker_total: number;
  org_unit_id: string | null;
  first_at: Date;
  last_at: Date;
  path: string | null;
  unit_name: string | null;
}
