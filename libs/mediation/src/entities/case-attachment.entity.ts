import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A file attached to a case (table `case_attachment`); the bytes live in the AttachmentStore. */
@Entity('case_attachment')
export class CaseAttachment {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'case_id', type: 'uuid' }) caseId!: string;
  @Column({ name: 'file_name', type: 'text' }) fileName!: string;
  @Column({ name: 'content_type', type: 'text' }) contentType!: string;
  @Column({ name: 'size_bytes', type: 'bigint' }) sizeBytes!: string;
  @Column({ type: 'text' }) sha256!: string;
  @Column({ name: 'storage_key', type: 'text', unique: true }) storageKey!: string;
  @Column({ name: 'uploaded_by', type: 'uuid' }) uploadedBy!: string;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}
