import { Controller, Get, HttpCode, HttpStatus, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { type Actor, Role } from '@heqi/core';
import { type MyOffer, OffersService } from '@heqi/assignment';
import { CurrentActor, Roles } from '../common/auth/auth.decorators.js';
import { MyOffersDto } from './dto/my-offers.dto.js';

@ApiTags('assignment 派案')
@ApiBearerAuth()
@Controller('me/offers')
export class MyOffersController {
  constructor(@Inject(OffersService) private readonly offers: OffersService) {}

  @Get()
  @Roles(Role.Mediator, Role.Volunteer)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: '我的待接受派案（调解员、志愿律师），最先到期的在前' })
  @ApiOkResponse({ type: MyOffersDto })
  @ApiResponse({ status: 403, description: '不是调解员或志愿律师' })
  mine(@CurrentActor() actor: Actor): Promise<{ items: MyOffer[] }> {
    return this.offers.mine(actor);
  }
}
