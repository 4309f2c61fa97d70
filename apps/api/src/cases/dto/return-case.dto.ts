import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class ReturnCaseDto {
  @ApiProperty({
    minLength: 2,
    maxLength: 500,
    example: '用人单位不在本区，请转江都区处理',
    description: '退单原因，随退单回复推送 12345 平台',
  })
  @IsString()
  @Length(2, 500)
  reason!: string;
}
