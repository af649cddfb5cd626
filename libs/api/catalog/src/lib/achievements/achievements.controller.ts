import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Public, RequirePermission, type AuthUser } from '@ttx/api/core';
import {
  AcceptNdaDto,
  AchievementDto,
  AchievementPageDto,
  CreateAchievementDto,
  MyAchievementsQueryDto,
  NdaAcceptanceDto,
  SearchAchievementsQueryDto,
  SearchResultDto,
  TechnologyFieldDto,
  UpdateAchievementDto,
} from '../dto/achievement.dto';
import { FieldsService } from '../fields/fields.service';
import { SearchService } from '../search/search.service';
import { AchievementsService } from './achievements.service';
import { OptionalAuthGuard } from './optional-auth.guard';

const uuid = new ParseUUIDPipe({ version: '4', errorHttpStatusCode: 404 });

@ApiTags('catalog')
@ApiBearerAuth()
@Controller()
export class AchievementsController {
  constructor(
    private readonly achievements: AchievementsService,
    private readonly searchService: SearchService,
    private readonly fields: FieldsService,
  ) {}

  @Get('fields')
  @Public()
  @ApiOkResponse({ type: [TechnologyFieldDto], description: 'The two-level technology-field taxonomy' })
  listTechnologyFields(): Promise<TechnologyFieldDto[]> {
    return this.fields.tree();
  }

  @Get('achievements')
  @Public()
  @ApiOperation({ summary: 'Public search over published achievements, with facets and highlights' })
  @ApiOkResponse({ type: SearchResultDto })
  searchAchievements(@Query() q: SearchAchievementsQueryDto): Promise<SearchResultDto> {
    return this.searchService.search(q);
  }

  @Get('achievements/mine')
  @RequirePermission('authenticated')
  @ApiOperation({ summary: "The caller's institutions' achievements in every state" })
  @ApiOkResponse({ type: AchievementPageDto })
  listMyAchievements(@CurrentUser() user: AuthUser, @Query() q: MyAchievementsQueryDto): Promise<AchievementPageDto> {
    return this.achievements.mine(user, q);
  }

  @Post('achievements')
  @RequirePermission('achievement:write')
  @ApiCreatedResponse({ type: AchievementDto, description: 'A draft owned by the caller’s verified institution' })
  createAchievement(@CurrentUser() user: AuthUser, @Body() dto: CreateAchievementDto): Promise<AchievementDto> {
    return this.achievements.create(user, dto);
  }

  @Get('achievements/:id')
  @Public()
  @UseGuards(OptionalAuthGuard)
  @ApiOperation({ summary: 'Public part for everyone; confidential part for the owner, admins and NDA-accepting enterprises' })
  @ApiOkResponse({ type: AchievementDto })
  getAchievement(@CurrentUser() user: AuthUser | null, @Param('id', uuid) id: string): Promise<AchievementDto> {
    return this.achievements.get(user ?? null, id);
  }

  @Patch('achievements/:id')
  @RequirePermission('achievement:write')
  @ApiOkResponse({ type: AchievementDto })
  updateAchievement(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: UpdateAchievementDto): Promise<AchievementDto> {
    return this.achievements.update(user, id, dto);
  }

  @Post('achievements/:id/submit')
  @HttpCode(200)
  @RequirePermission('achievement:write')
  @ApiOkResponse({ type: AchievementDto })
  submitAchievement(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<AchievementDto> {
    return this.achievements.submit(user, id);
  }

  @Post('achievements/:id/publish')
  @HttpCode(200)
  @RequirePermission('achievement:publish')
  @ApiOkResponse({ type: AchievementDto })
  publishAchievement(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<AchievementDto> {
    return this.achievements.publish(user, id);
  }

  @Post('achievements/:id/withdraw')
  @HttpCode(200)
  @RequirePermission('achievement:write')
  @ApiOkResponse({ type: AchievementDto })
  withdrawAchievement(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<AchievementDto> {
    return this.achievements.withdraw(user, id);
  }

  @Post('achievements/:id/archive')
  @HttpCode(200)
  @RequirePermission('achievement:publish')
  @ApiOkResponse({ type: AchievementDto })
  archiveAchievement(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<AchievementDto> {
    return this.achievements.archive(user, id);
  }

  @Post('achievements/:id/nda')
  @RequirePermission('achievement:nda')
  @ApiCreatedResponse({ type: NdaAcceptanceDto, description: 'Idempotent: a repeat returns the first acceptance' })
  acceptAchievementNda(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: AcceptNdaDto): Promise<NdaAcceptanceDto> {
    return this.achievements.acceptNda(user, id, dto.organizationId);
  }
}
