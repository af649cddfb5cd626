import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OptionalAuthGuard } from '@ttx/api/catalog';
import { CurrentUser, Public, RequirePermission, type AuthUser } from '@ttx/api/core';
import { AchievementMatchListDto, CreateDemandDto, DemandDto, DemandMatchListDto, DemandPageDto, DemandsQueryDto, MatchesQueryDto } from './demand.dto';
import { DemandsService } from './demands.service';

export const uuid = new ParseUUIDPipe({ version: '4', errorHttpStatusCode: 404 });

@ApiTags('brokerage')
@ApiBearerAuth()
@Controller()
export class DemandsController {
  constructor(private readonly demands: DemandsService) {}

  @Get('demands')
  @Public()
  @UseGuards(OptionalAuthGuard)
  @ApiOperation({ summary: "Open public demands (出题); ?mine=true: the caller's enterprises' demands in every state" })
  @ApiOkResponse({ type: DemandPageDto })
  listDemands(@CurrentUser() user: AuthUser | null, @Query() q: DemandsQueryDto): Promise<DemandPageDto> {
    return this.demands.list(user ?? null, q);
  }

  @Post('demands')
  @RequirePermission('demand:write')
  @ApiCreatedResponse({ type: DemandDto, description: 'An open demand of the caller’s verified enterprise' })
  createDemand(@CurrentUser() user: AuthUser, @Body() dto: CreateDemandDto): Promise<DemandDto> {
    return this.demands.create(user, dto);
  }

  @Get('demands/:id')
  @Public()
  @UseGuards(OptionalAuthGuard)
  @ApiOperation({ summary: 'Public summary for everyone; detail and budget of a confidential demand for its enterprise, invited parties and admins' })
  @ApiOkResponse({ type: DemandDto })
  getDemand(@CurrentUser() user: AuthUser | null, @Param('id', uuid) id: string): Promise<DemandDto> {
    return this.demands.get(user ?? null, id);
  }

  @Post('demands/:id/satisfy')
  @HttpCode(200)
  @RequirePermission('demand:write')
  @ApiOkResponse({ type: DemandDto })
  satisfyDemand(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<DemandDto> {
    return this.demands.satisfy(user, id);
  }

  @Get('demands/:id/matches')
  @RequirePermission('authenticated')
  @ApiOperation({ summary: 'Published achievements ranked for the demand, each with a score (0–100) and bilingual reasons' })
  @ApiOkResponse({ type: AchievementMatchListDto })
  listDemandMatches(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Query() q: MatchesQueryDto): Promise<AchievementMatchListDto> {
    return this.demands.matches(user, id, q.limit);
  }

  @Get('achievements/:id/demands')
  @RequirePermission('authenticated')
  @ApiOperation({ summary: 'Reverse matching: open demands ranked for a published achievement' })
  @ApiOkResponse({ type: DemandMatchListDto })
  listAchievementDemands(@Param('id', uuid) id: string, @Query() q: MatchesQueryDto): Promise<DemandMatchListDto> {
    return this.demands.demandsFor(id, q.limit);
  }
}
