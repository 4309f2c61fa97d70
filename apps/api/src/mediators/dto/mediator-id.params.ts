import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class MediatorIdParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id!: string;
}
