import { ApiProperty } from '@nestjs/swagger';
import { Role } from '@heqi/core';

export class SessionUserDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'zhangsan' })
  username!: string;

  @ApiProperty({ example: '张三' })
  displayName!: string;

  @ApiProperty({ enum: Role, isArray: true, enumName: 'Role' })
  roles!: Role[];

  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: '全区管理员为 null' })
  orgUnitId!: string | null;
}

export class TokenPairDto {
  @ApiProperty({ description: '访问令牌（JWT，15 分钟），放在 Authorization: Bearer 请求头' })
  accessToken!: string;

  @ApiProperty({ description: '刷新令牌（30 天，每次刷新后作废并换发新的）' })
  refreshToken!: string;

  @ApiProperty({ example: 900, description: '访问令牌有效秒数' })
  expiresIn!: number;

  @ApiProperty({ type: SessionUserDto })
  user!: SessionUserDto;
}
