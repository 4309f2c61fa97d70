import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A claimant of a case (table `claimant`). Phone and ID numbers are stored only encrypted
 * (`*Enc`, PiiCipher), with a keyed hash to find the same person's earlier cases and the masked
 * form for display; the clear values leave the lib only through an audited reveal.
 */
@Entity('claimant')
export class Claimant {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  /** Order of the claimants as given (0 = the caller / first applicant). */
  @Column({ type: 'int' })
  position!: number;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'phone_enc', type: 'text', nullable: true })
  phoneEnc!: string | null;

  @Column({ name: 'phone_hash', type: 'text', nullable: true })
  phoneHash!: string | null;

  @Column({ name: 'phone_masked', type: 'text', nullable: true })
  phoneMasked!: string | null;

  @Column({ name: 'id_number_enc', type: 'text', nullable: true })
  idNumberEnc!: string | null;

  @Column({ name: 'id_number_hash', type: 'text', nullable: true })
  idNumberHash!: string | null;

  @Column({ name: 'id_number_masked', type: 'text', nullable: true })
  idNumberMasked!: string | null;
}
