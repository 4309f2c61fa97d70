import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export class CreateHotlineKeyDto {
  @ApiPropertyOptional({ description: '用途说明，如“市 12345 平台正式环境”', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  description?: string;
}

export class HotlineKeyDto {
  @ApiProperty({ description: '密钥编号（请求头 X-Hotline-Key）' })
  keyId!: string;

  @ApiProperty({ nullable: true, type: String })
  description!: string | null;

  @ApiProperty({ enum: ['environment', 'database'], description: '来自环境变量或由管理员创建' })
  source!: 'environment' | 'database';

  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  createdAt!: Date | null;

  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  revokedAt!: Date | null;
}

export class CreatedHotlineKeyDto extends HotlineKeyDto {
  @ApiProperty({ description: '签名密钥，只在创建时显示一次，请立即交给 12345 平台' })
  secret!: string;
}

export class HotlineKeyListDto {
  @ApiProperty({ type: [HotlineKeyDto] })
  items!: HotlineKeyDto[];
}
