import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Post,
  Query,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Role, type Actor, type Page } from '@heqi/core';
import { UsersService, type ClientOrigin, type UserView } from '@heqi/identity';
import { CurrentActor, Roles } from '../common/auth/auth.decorators.js';
import { CurrentSessionId, Origin } from '../common/auth/request-origin.js';
import { RetryAfterInterceptor } from '../common/auth/retry-after.interceptor.js';
import { ChangePasswordDto } from './dto/change-password.dto.js';
import { CreateUserDto } from './dto/create-user.dto.js';
import { ListUsersQueryDto } from './dto/list-users-query.dto.js';
import { UpdateUserDto } from './dto/update-user.dto.js';
import { UserIdParams } from './dto/user-id.params.js';
import { UserDto, UserPageDto } from './dto/user.dto.js';

@ApiTags('users 用户')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @Roles(Role.Admin)
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary: '创建用户（管理员；有所属单位的管理员只能在本单位及下级单位内创建）',
  })
  @ApiCreatedResponse({ type: UserDto })
  @ApiResponse({ status: 400, description: '输入有误（含未知单位或调解员、弱密码）' })
  @ApiResponse({ status: 403, description: '不是管理员，或单位不在管辖范围内' })
  @ApiResponse({ status: 409, description: 'USERNAME_TAKEN 或 MEDIATOR_ALREADY_LINKED' })
  create(@CurrentActor() actor: Actor, @Body() body: CreateUserDto): Promise<UserView> {
    return this.users.create(actor, body);
  }

  @Get()
  @Roles(Role.Admin)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: '用户列表（管辖范围内，按用户名排序）' })
  @ApiOkResponse({ type: UserPageDto })
  list(@CurrentActor() actor: Actor, @Query() query: ListUsersQueryDto): Promise<Page<UserView>> {
    const { page, pageSize, ...filter } = query;
    return this.users.list(actor, filter, { page, pageSize });
  }

  @Get(':id')
  @Roles(Role.Admin)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: '查看用户（管辖范围外的用户返回 404）' })
  @ApiOkResponse({ type: UserDto })
  get(@CurrentActor() actor: Actor, @Param() params: UserIdParams): Promise<UserView> {
    return this.users.get(actor, params.id);
  }

  @Patch(':id')
  @Roles(Role.Admin)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: '修改用户：姓名、角色、所属单位、调解员关联、启用/停用（停用即注销其登录）',
  })
  @ApiOkResponse({ type: UserDto })
  @ApiResponse({ status: 409, description: 'SELF_LOCKOUT：不能停用自己或取消自己的管理员角色' })
  update(
    @CurrentActor() actor: Actor,
    @Param() params: UserIdParams,
    @Body() body: UpdateUserDto,
  ): Promise<UserView> {
    return this.users.update(actor, params.id, body);
  }

  @Post(':id/password')
  @HttpCode(HttpStatus.NO_CONTENT)
  @UseInterceptors(RetryAfterInterceptor)
  @ApiOperation({
    summary:
      '设置密码：本人修改（须提供当前密码，其他登录被注销）或管理员重置（该用户全部登录被注销）',
  })
  @ApiNoContentResponse()
  @ApiResponse({ status: 400, description: 'WEAK_PASSWORD 或 WRONG_CURRENT_PASSWORD' })
  changePassword(
    @CurrentActor() actor: Actor,
    @Param() params: UserIdParams,
    @Body() body: ChangePasswordDto,
    @Origin() origin: ClientOrigin,
    @CurrentSessionId() sessionId: string,
  ): Promise<void> {
    return this.users.changePassword(actor, params.id, body, { ...origin, sessionId });
  }
}
