import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A collective dispute's volunteer-lawyer co-mediator (table `case_co_mediator`). */
@Entity('case_co_mediator')
export class CaseCoMediator {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ name: 'mediator_id', type: 'uuid' })
  mediatorId!: string;

  /** The accepted co offer that made them co-mediator. */
  @Column({ name: 'offer_id', type: 'uuid', nullable: true })
  offerId!: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  since!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  until!: Date | null;
}
