import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class RouteCaseDto {
  @ApiProperty({
    format: 'uuid',
    description: '承办单位：须启用、在您的管辖范围内、且属于本案所在区县',
  })
  @IsUUID()
  orgUnitId!: string;
}
