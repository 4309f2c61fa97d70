import { ApiProperty } from '@nestjs/swagger';
import { DisputeCategory } from '@heqi/core';
import { type MyOffer, OfferRole } from '@heqi/assignment';

/** One open offer in the mediator's inbox (contract fields first). */
export class MyOfferDto implements MyOffer {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ example: '南湖-2026-000123' }) caseNo!: string;
  @ApiProperty({ enum: DisputeCategory, enumName: 'DisputeCategory' }) category!: DisputeCategory;
  @ApiProperty({ description: '集体劳动争议' }) collective!: boolean;
  @ApiProperty({ format: 'uuid' }) orgUnitId!: string;
  @ApiProperty({ format: 'date-time' }) offeredAt!: Date;
  @ApiProperty({ format: 'date-time', description: '超过此时间未接受，派案自动转给下一位' })
  expiresAt!: Date;
  @ApiProperty({ format: 'uuid' }) offerId!: string;
  @ApiProperty() urgent!: boolean;
  @ApiProperty({ example: '东港镇' }) orgUnitName!: string;
  @ApiProperty({
    enum: OfferRole,
    enumName: 'OfferRole',
    description: 'lead：主调解员；co：集体争议的协同调解（志愿律师）',
  })
  role!: OfferRole;
}

export class MyOffersDto {
  @ApiProperty({ type: [MyOfferDto], description: '待接受的派案，最先到期的在前' })
  items!: MyOfferDto[];
}
