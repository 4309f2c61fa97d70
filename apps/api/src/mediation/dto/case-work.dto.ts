import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, ValidateNested } from 'class-validator';
import { IsoInstant, Text } from '@heqi/intake';
import type {
  ContactMode,
  FirstContactView,
  NoteView,
  SessionMode,
  SessionParticipant,
  SessionView,
} from '@heqi/mediation';

const CONTACT_MODES: ContactMode[] = ['in_person', 'phone', 'video', 'sms'];
const SESSION_MODES: SessionMode[] = ['in_person', 'phone', 'video'];

export class FirstContactDto {
  @ApiProperty({ example: '2026-11-22T10:00:00+08:00', description: '首次联系申请人的时间' })
  @IsoInstant()
  contactedAt!: string;

  @ApiProperty({ enum: CONTACT_MODES, description: '联系方式：当面、电话、视频、短信' })
  @IsIn(CONTACT_MODES)
  mode!: ContactMode;

  @ApiPropertyOptional({ maxLength: 2000, description: '联系情况' })
  @IsOptional()
  @Text(2000)
  notes?: string;
}

export class FirstContactResultDto implements FirstContactView {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ format: 'date-time' }) firstContactAt!: Date;
  @ApiProperty({ enum: CONTACT_MODES }) mode!: ContactMode;
}

export class SessionParticipantDto implements SessionParticipant {
  @ApiProperty({ example: '张三', maxLength: 50 })
  @Text(50, { required: true })
  name!: string;

  @ApiProperty({
    example: '申请人',
    maxLength: 50,
    description: '身份：申请人、被申请人代表、代理人、调解员等',
  })
  @Text(50, { required: true })
  role!: string;
}

export class RecordSessionDto {
  @ApiProperty({ example: '2026-11-22T14:30:00+08:00', description: '调解时间（已进行的）' })
  @IsoInstant()
  heldAt!: string;

  @ApiProperty({ enum: SESSION_MODES, description: '调解方式：当面、电话、视频' })
  @IsIn(SESSION_MODES)
  mode!: SessionMode;

  @ApiProperty({ maxLength: 5000, description: '调解笔录摘要' })
  @Text(5000, { required: true })
  notes!: string;

  @ApiPropertyOptional({ type: [SessionParticipantDto], maxItems: 50, description: '参加人员' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => SessionParticipantDto)
  participants?: SessionParticipantDto[];

  @ApiPropertyOptional({ maxLength: 200, example: '东港镇劳动争议调解室' })
  @IsOptional()
  @Text(200)
  location?: string;
}

export class SessionDto implements SessionView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ format: 'date-time' }) heldAt!: Date;
  @ApiProperty({ enum: SESSION_MODES }) mode!: SessionMode;
  @ApiProperty() notes!: string;
  @ApiProperty({ type: [SessionParticipantDto] }) participants!: SessionParticipantDto[];
  @ApiProperty({ nullable: true, type: String }) location!: string | null;
  @ApiProperty({ format: 'uuid' }) recordedBy!: string;
  @ApiProperty({ nullable: true, type: String }) recordedByName!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ description: '本次调解同时记为首次联系（此前未记录）' }) firstContact!: boolean;
}

export class SessionListDto {
  @ApiProperty({ type: [SessionDto] }) items!: SessionDto[];
}

export class AddNoteDto {
  @ApiProperty({ maxLength: 5000, description: '内部备注（仅调解网络内可见）' })
  @Text(5000, { required: true })
  body!: string;
}

export class NoteDto implements NoteView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty() body!: string;
  @ApiProperty({ format: 'uuid' }) authorId!: string;
  @ApiProperty({ nullable: true, type: String }) authorName!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: Date;
}

export class NoteListDto {
  @ApiProperty({ type: [NoteDto] }) items!: NoteDto[];
}
