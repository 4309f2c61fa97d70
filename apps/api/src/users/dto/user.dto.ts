import { ApiProperty } from '@nestjs/swagger';
import { Role } from '@heqi/core';

/** A user as the API shows it: never the password hash. */
export class UserDto {
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

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  mediatorId!: string | null;

  @ApiProperty()
  active!: boolean;

  @ApiProperty({ format: 'date-time' })
  createdAt!: Date;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: Date;

  @ApiProperty({ format: 'date-time' })
  passwordChangedAt!: Date;
}

export class UserPageDto {
  @ApiProperty({ type: [UserDto] })
  items!: UserDto[];

  @ApiProperty()
  total!: number;

  @ApiProperty()
  page!: number;

  @ApiProperty()
  pageSize!: number;
}
