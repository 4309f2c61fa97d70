import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Proof that a job's effect was committed; makes re-delivered jobs harmless. */
@Entity('job_receipt')
export class JobReceipt {
  @PrimaryColumn({ name: 'job_key', type: 'text' })
  jobKey!: string;

  @Column({ name: 'job_name', type: 'text' })
  jobName!: string;

  @Column({ name: 'processed_at', type: 'timestamptz', default: () => 'now()' })
  processedAt!: Date;
}
