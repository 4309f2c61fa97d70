import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { OfferRole } from './offer-role.enum.js';
import type { OfferState } from './offer-state.enum.js';

/**
 * An offer of a case to a mediator (table `case_offer`, Assignment migration). At most one open
 * lead and one open co offer per case (partial unique indexes). The engine writes it with SQL;
 * the entity describes the table for the migration model.
 */
@Entity('case_offer')
export class CaseOffer {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ name: 'mediator_id', type: 'uuid' })
  mediatorId!: string;

  @Column({ type: 'text' })
  role!: OfferRole;

  @Column({ type: 'text', default: 'open' })
  state!: OfferState;

  @Column({ name: 'offered_at', type: 'timestamptz' })
  offeredAt!: Date;

  /** When an unanswered offer lapses (office hours on working days by default). */
  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'answered_at', type: 'timestamptz', nullable: true })
  answeredAt!: Date | null;

  @Column({ name: 'decline_reason', type: 'text', nullable: true })
  declineReason!: string | null;
}
