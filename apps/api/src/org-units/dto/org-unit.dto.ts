import { ApiProperty } from '@nestjs/swagger';
import { type OrgUnit, OrgUnitLevel } from '@heqi/network';

/** An org unit as the API shows it. */
export class OrgUnitDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: '西塘镇' })
  name!: string;

  @ApiProperty({ enum: OrgUnitLevel, enumName: 'OrgUnitLevel' })
  level!: OrgUnitLevel;

  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: '区/县为 null' })
  parentId!: string | null;

  @ApiProperty({
    example: '/8d0c…/41f2…/',
    description: '物化路径：从区/县到本单位的 id，以 / 分隔；判断上下级用前缀匹配',
  })
  path!: string;

  @ApiProperty({ description: '层深：区/县为 1' })
  depth!: number;

  @ApiProperty({ nullable: true, type: String })
  code!: string | null;

  @ApiProperty({ nullable: true, type: String, description: '统一社会信用代码（企业）' })
  creditCode!: string | null;

  @ApiProperty({ nullable: true, type: String })
  address!: string | null;

  @ApiProperty()
  active!: boolean;

  @ApiProperty({ format: 'date-time' })
  createdAt!: Date;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: Date;

  static from(unit: OrgUnit): OrgUnitDto {
    return Object.assign(new OrgUnitDto(), {
      id: unit.id,
      name: unit.name,
      level: unit.level,
      parentId: unit.parentId,
      path: unit.path,
      depth: unit.depth,
      code: unit.code,
      creditCode: unit.creditCode,
      address: unit.address,
      active: unit.active,
      createdAt: unit.createdAt,
      updatedAt: unit.updatedAt,
    });
  }
}

export class OrgUnitPageDto {
  @ApiProperty({ type: [OrgUnitDto] })
  items!: OrgUnitDto[];

  @ApiProperty()
  total!: number;

  @ApiProperty()
  page!: number;

  @ApiProperty()
  pageSize!: number;
}
