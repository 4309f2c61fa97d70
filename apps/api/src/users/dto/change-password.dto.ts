import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@heqi/identity';

export class ChangePasswordDto {
  @ApiProperty({
    format: 'password',
    minLength: PASSWORD_MIN_LENGTH,
    maxLength: PASSWORD_MAX_LENGTH,
    description: `至少 ${PASSWORD_MIN_LENGTH} 个字符，不能与用户名相同`,
  })
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH)
  newPassword!: string;

  @ApiPropertyOptional({ format: 'password', description: '修改自己的密码时必填' })
  @IsOptional()
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH)
  currentPassword?: string;
}
