import { ApiProperty, PickType } from '@nestjs/swagger';
import { UserDto } from '../../users/dto/user.dto.js';

/** The user as the login answer shows it (the contract's `user`, plus the display name). */
export class SessionUserDto extends PickType(UserDto, [
  'id',
  'username',
  'displayName',
  'roles',
  'orgUnitId',
] as const) {}

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
