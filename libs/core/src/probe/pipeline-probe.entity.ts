import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One end-to-end trip through the job pipeline: written by the API, completed by the worker. */
@Entity('pipeline_probe')
export class PipelineProbe {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt!: Date | null;

  /** How many times the worker applied the probe's effect: exactly-once means 1. */
  @Column({ type: 'int', default: 0 })
  runs!: number;
}
