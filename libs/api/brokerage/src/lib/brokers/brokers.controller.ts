import { Body, Controller, Get, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Public, RequirePermission, type AuthUser } from '@ttx/api/core';
import { uuid } from '../demands/demands.controller';
import { BrokerDto, BrokerPageDto, BrokersQueryDto, CreditEventDto, CreditEventListDto, RecordCreditEventDto, ReverseCreditEventDto, UpsertBrokerProfileDto } from './broker.dto';
import { BrokersService } from './brokers.service';

@ApiTags('brokerage')
@ApiBearerAuth()
@Controller()
export class BrokersController {
  constructor(private readonly brokers: BrokersService) {}

  @Get('brokers')
  @Public()
  @ApiOperation({ summary: 'Public broker directory with credit ratings, best rated first' })
  @ApiOkResponse({ type: BrokerPageDto })
  listBrokers(@Query() q: BrokersQueryDto): Promise<BrokerPageDto> {
    return this.brokers.list(q);
  }

  @Get('brokers/breaches')
  @Public()
  @ApiOperation({ summary: 'Public breach list: brokers with unrepaired breaches of trust' })
  @ApiOkResponse({ type: [BrokerDto] })
  listBrokerBreaches(): Promise<BrokerDto[]> {
    return this.brokers.breachList();
  }

  @Get('brokers/me')
  @RequirePermission('broker:write')
  @ApiOkResponse({ type: BrokerDto })
  getMyBrokerProfile(@CurrentUser() user: AuthUser): Promise<BrokerDto> {
    return this.brokers.mine(user);
  }

  @Put('brokers/me')
  @RequirePermission('broker:write')
  @ApiOkResponse({ type: BrokerDto })
  saveMyBrokerProfile(@CurrentUser() user: AuthUser, @Body() dto: UpsertBrokerProfileDto): Promise<BrokerDto> {
    return this.brokers.upsert(user, dto);
  }

  @Get('brokers/:id')
  @Public()
  @ApiOperation({ summary: 'A broker with credit rating (score, grade, formula, breach list) and track record' })
  @ApiOkResponse({ type: BrokerDto })
  getBroker(@Param('id', uuid) id: string): Promise<BrokerDto> {
    return this.brokers.get(id);
  }

  @Get('brokers/:id/credit-events')
  @RequirePermission('authenticated')
  @ApiOperation({ summary: 'All credit events of a broker with how each counts now (the broker and platform admins)' })
  @ApiOkResponse({ type: CreditEventListDto })
  listCreditEvents(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<CreditEventListDto> {
    return this.brokers.events(user, id);
  }

  @Post('brokers/:id/credit-events')
  @RequirePermission('credit:manage')
  @ApiCreatedResponse({ type: CreditEventDto, description: 'Recorded and audited' })
  recordCreditEvent(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: RecordCreditEventDto): Promise<CreditEventDto> {
    return this.brokers.recordByAdmin(user, id, dto);
  }

  @Post('credit-events/:id/reverse')
  @RequirePermission('credit:manage')
  @ApiCreatedResponse({ type: CreditEventDto, description: 'Reversed with a reason and audited; a second reversal is a 409' })
  reverseCreditEvent(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: ReverseCreditEventDto): Promise<CreditEventDto> {
    return this.brokers.reverse(user, id, dto.reason);
  }
}
