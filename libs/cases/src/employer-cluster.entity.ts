import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Orders against one employer within a short window (table `employer_cluster`), so a brewing
 * collective dispute is seen early. Maintained by intake; cases point at it by `clusterId`.
 */
@Entity('employer_cluster')
export class EmployerCluster {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Credit code, or the normalised employer name when there is none. */
  @Column({ name: 'employer_key', type: 'text' })
  employerKey!: string;

  @Column({ name: 'org_unit_id', type: 'uuid', nullable: true })
  orgUnitId!: string | null;

  @Column({ name: 'first_at', type: 'timestamptz' })
  firstAt!: Date;

  @Column({ name: 'last_at', type: 'timestamptz' })
  lastAt!: Date;

  @Column({ name: 'worker_total', type: 'int', default: 0 })
  workerTotal!: number;

  /** When the town's supervisors were alerted that the cluster reached 10 workers. */
  @Column({ name: 'alerted_at', type: 'timestamptz', nullable: true })
  alertedAt!: Date | null;
}
