import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The last case number handed out per district and year (table `case_number_counter`). Only
 * `CasesService.create` writes it, with one upsert inside the case's own transaction.
 */
@Entity('case_number_counter')
export class CaseNumberCounter {
  @PrimaryColumn({ name: 'district_id', type: 'uuid' })
  districtId!: string;

  @PrimaryColumn({ type: 'int' })
  year!: number;

  @Column({ name: 'last_no', type: 'int' })
  lastNo!: number;
}
