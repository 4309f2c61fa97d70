import { Body, Controller, HttpCode, HttpStatus, Inject, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { type Actor, Role } from '@heqi/core';
import { IntakeService } from '@heqi/intake';
import { CurrentActor, Roles } from '../common/auth/auth.decorators.js';
import { RegisterCaseDto } from './dto/register-case.dto.js';
import { RegisteredCaseDto } from './dto/registered-case.dto.js';

/** Cases registered by staff: walk-in, online, 12351 and court referrals. */
@ApiTags('cases 案件')
@ApiBearerAuth()
@Controller('cases')
export class IntakeController {
  constructor(@Inject(IntakeService) private readonly intake: IntakeService) {}

  @Post()
  @Roles(Role.Intake, Role.Admin)
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary: '登记案件（受理人员、管理员）',
    description:
      '按用人单位（所选单位、统一社会信用代码、名称）或事发地址确定受理单位，无法确定时进入本区/县待分派队列；' +
      '10 人及以上为集体劳动争议，由镇（街道）办理。电话、身份证号加密保存，返回掩码。',
  })
  @ApiCreatedResponse({ type: RegisteredCaseDto })
  @ApiResponse({
    status: 400,
    description: 'VALIDATION_FAILED（details 指明字段）、EMPLOYER_UNIT_NOT_FOUND',
  })
  @ApiResponse({ status: 403, description: '不是受理人员或管理员' })
  register(
    @CurrentActor() actor: Actor,
    @Body() body: RegisterCaseDto,
  ): Promise<RegisteredCaseDto> {
    return this.intake.registerWalkIn(actor, body);
  }
}
