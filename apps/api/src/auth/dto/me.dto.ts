import { ApiProperty } from '@nestjs/swagger';
import { UserDto } from '../../users/dto/user.dto.js';

export class ScopeDto {
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  orgUnitId!: string | null;

  @ApiProperty({
    nullable: true,
    type: String,
    example: '/6f1c…/9a2b…/',
    description: '所属单位的物化路径：可访问路径以此开头的所有单位',
  })
  orgPath!: string | null;

  @ApiProperty({ description: '无所属单位的管理员：可访问全部单位' })
  deploymentWide!: boolean;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  mediatorId!: string | null;
}

export class MeDto {
  @ApiProperty({ type: UserDto })
  user!: UserDto;

  @ApiProperty({ type: ScopeDto })
  scope!: ScopeDto;
}
