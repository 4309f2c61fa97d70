import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A session held with the parties (table `case_session`). */
@Entity('case_session')
export class CaseSession {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'case_id', type: 'uuid' }) caseId!: string;
  @Column({ name: 'held_at', type: 'timestamptz' }) heldAt!: Date;
  @Column({ type: 'text' }) mode!: 'in_person' | 'phone' | 'video';
  @Column({ type: 'text' }) notes!: string;
  @Column({ type: 'jsonb', default: () => `'[]'` }) participants!: { name: string; role: string }[];
  @Column({ type: 'text', nullable: true }) location!: string | null;
  @Column({ name: 'recorded_by', type: 'uuid' }) recordedBy!: string;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}
