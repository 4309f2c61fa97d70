import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class OrgUnitIdParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id!: string;
}
