import { ApiProperty } from '@nestjs/swagger';
import { DisputeCategory } from '@heqi/core';
import { MediatorKind } from '@heqi/network';

/** A mediator as the API shows it: the phone only masked. */
export class MediatorDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: '张敏' })
  name!: string;

  @ApiProperty({ example: '139****5678', nullable: true, type: String })
  phoneMasked!: string | null;

  @ApiProperty({ enum: MediatorKind, enumName: 'MediatorKind' })
  kind!: MediatorKind;

  @ApiProperty({ format: 'uuid' })
  orgUnitId!: string;

  @ApiProperty({ example: '西塘镇' })
  orgUnitName!: string;

  @ApiProperty({ enum: DisputeCategory, enumName: 'DisputeCategory', isArray: true })
  skills!: DisputeCategory[];

  @ApiProperty()
  capacity!: number;

  @ApiProperty({ nullable: true, type: String })
  lawFirm!: string | null;

  @ApiProperty()
  active!: boolean;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  unavailableUntil!: Date | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: Date;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: Date;
}

export class MediatorPageDto {
  @ApiProperty({ type: [MediatorDto] })
  items!: MediatorDto[];

  @ApiProperty()
  total!: number;

  @ApiProperty()
  page!: number;

  @ApiProperty()
  pageSize!: number;
}
