import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, RequirePermission, type AuthUser } from '@ttx/api/core';
import { ObjectionDto } from '@ttx/api/platform';
import {
  AnswerObjectionDto,
  CreateConsentDto,
  CreateDecisionDto,
  CreateEmpowermentDto,
  EmpowermentDto,
  EmpowermentPageDto,
  EmpowermentQueryDto,
  EmpowermentSummaryDto,
  OwnershipDto,
} from './dto/empowerment.dto';
import { CreateNegativeRuleDto, NegativeRuleDto, PolicyDto, PolicyVersionDto, UpdatePolicyDto } from './dto/policy.dto';
import { EmpowermentsService } from './empowerments/empowerments.service';
import { NegativeListService } from './negative-list/negative-list.service';
import { OwnershipService } from './ownership/ownership.service';
import { PoliciesService } from './policy/policies.service';

const uuid = new ParseUUIDPipe({ errorHttpStatusCode: 404 });

@ApiTags('rights')
@ApiBearerAuth()
@Controller()
export class RightsController {
  constructor(
    private readonly policies: PoliciesService,
    private readonly negativeList: NegativeListService,
    private readonly empowerments: EmpowermentsService,
    private readonly ownership: OwnershipService,
  ) {}

  // ---------- policy ----------

  @Get('institutions/:id/policy')
  @RequirePermission('authenticated')
  @ApiOperation({ summary: "The institution's effective rights policy (its latest version over the regional defaults)" })
  @ApiOkResponse({ type: PolicyDto })
  getPolicy(@Param('id', uuid) id: string): Promise<PolicyDto> {
    return this.policies.get(id);
  }

  @Put('institutions/:id/policy')
  @RequirePermission('rights:policy')
  @ApiOperation({ summary: 'Makes a new policy version (past decisions keep the version they used)' })
  @ApiOkResponse({ type: PolicyDto })
  putPolicy(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: UpdatePolicyDto): Promise<PolicyDto> {
    return this.policies.put(user, id, dto);
  }

  @Get('institutions/:id/policy/versions')
  @RequirePermission('authenticated')
  @ApiOkResponse({ type: [PolicyVersionDto] })
  listPolicyVersions(@Param('id', uuid) id: string): Promise<PolicyVersionDto[]> {
    return this.policies.versions(id);
  }

  // ---------- negative list ----------

  @Get('institutions/:id/negative-list')
  @RequirePermission('authenticated')
  @ApiOkResponse({ type: [NegativeRuleDto] })
  listNegativeRules(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<NegativeRuleDto[]> {
    return this.negativeList.list(user, id);
  }

  @Post('institutions/:id/negative-list')
  @RequirePermission('rights:policy')
  @ApiCreatedResponse({ type: NegativeRuleDto })
  createNegativeRule(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: CreateNegativeRuleDto): Promise<NegativeRuleDto> {
    return this.negativeList.create(user, id, dto);
  }

  @Delete('institutions/:id/negative-list/:ruleId')
  @HttpCode(204)
  @RequirePermission('rights:policy')
  @ApiNoContentResponse()
  async deleteNegativeRule(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Param('ruleId', uuid) ruleId: string): Promise<void> {
    await this.negativeList.remove(user, id, ruleId);
  }

  // ---------- empowerment ----------

  @Post('achievements/:id/empowerments')
  @RequirePermission('empowerment:apply')
  @ApiOperation({ summary: 'The inventor team applies for empowerment (422 below the policy minimum or on the negative list)' })
  @ApiCreatedResponse({ type: EmpowermentDto })
  createEmpowerment(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: CreateEmpowermentDto): Promise<EmpowermentDto> {
    return this.empowerments.apply(user, id, dto);
  }

  @Get('achievements/:id/empowerments')
  @RequirePermission('authenticated')
  @ApiOkResponse({ type: [EmpowermentSummaryDto] })
  listAchievementEmpowerments(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<EmpowermentSummaryDto[]> {
    return this.empowerments.forAchievement(user, id);
  }

  @Get('achievements/:id/ownership')
  @RequirePermission('authenticated')
  @ApiOperation({ summary: 'Current co-owner shares (sum 100 %), use rights, reward promises and history' })
  @ApiOkResponse({ type: OwnershipDto })
  getOwnership(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<OwnershipDto> {
    return this.ownership.view(user, id);
  }

  @Get('empowerments')
  @RequirePermission('authenticated')
  @ApiOperation({ summary: "scope=mine: the caller's team applications; scope=review: the TTO review queue" })
  @ApiOkResponse({ type: EmpowermentPageDto })
  listEmpowerments(@CurrentUser() user: AuthUser, @Query() q: EmpowermentQueryDto): Promise<EmpowermentPageDto> {
    return this.empowerments.list(user, q);
  }

  @Get('empowerments/:id')
  @RequirePermission('authenticated')
  @ApiOkResponse({ type: EmpowermentDto })
  getEmpowerment(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<EmpowermentDto> {
    return this.empowerments.get(user, id);
  }

  @Post('empowerments/:id/consents')
  @RequirePermission('authenticated')
  @ApiOperation({ summary: 'A team member confirms; or the TTO records the signed consent of a member without an account' })
  @ApiCreatedResponse({ type: EmpowermentDto })
  createConsent(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: CreateConsentDto): Promise<EmpowermentDto> {
    return this.empowerments.consent(user, id, dto);
  }

  @Post('empowerments/:id/decisions')
  @RequirePermission('empowerment:review')
  @ApiOperation({ summary: 'Review decision (approve → public notice) or, after the notice ended, the final decision (409 before)' })
  @ApiCreatedResponse({ type: EmpowermentDto })
  createDecision(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: CreateDecisionDto): Promise<EmpowermentDto> {
    return this.empowerments.decide(user, id, dto);
  }

  @Post('empowerments/:id/objections/:objectionId/answers')
  @RequirePermission('empowerment:review')
  @ApiOperation({ summary: 'The TTO upholds or dismisses an objection, with reasons' })
  @ApiCreatedResponse({ type: ObjectionDto })
  answerObjection(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) id: string,
    @Param('objectionId', uuid) objectionId: string,
    @Body() dto: AnswerObjectionDto,
  ): Promise<ObjectionDto> {
    return this.empowerments.answerObjection(user, id, objectionId, dto);
  }

  @Post('empowerments/:id/withdraw')
  @RequirePermission('empowerment:apply')
  @ApiCreatedResponse({ type: EmpowermentDto })
  withdrawEmpowerment(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<EmpowermentDto> {
    return this.empowerments.withdraw(user, id);
  }
}
