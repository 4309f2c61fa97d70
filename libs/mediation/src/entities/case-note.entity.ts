import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** An internal note on a case (table `case_note`). */
@Entity('case_note')
export class CaseNote {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'case_id', type: 'uuid' }) caseId!: string;
  @Column({ type: 'text' }) body!: string;
  @Column({ name: 'author_id', type: 'uuid' }) authorId!: string;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}
