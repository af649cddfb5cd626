import { HttpContext } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Api } from '../generated/api';
import {
  answerObjection,
  createConsent,
  createDecision,
  createEmpowerment,
  createNegativeRule,
  createObjection,
  deleteNegativeRule,
  getDisclosure,
  getEmpowerment,
  getOwnership,
  getPolicy,
  listAchievementEmpowerments,
  listDisclosures,
  listEmpowerments,
  listNegativeRules,
  listPolicyVersions,
  putPolicy,
  withdrawEmpowerment,
} from '../generated/functions';
import type { ListDisclosures$Params } from '../generated/fn/disclosures/list-disclosures';
import type { ListEmpowerments$Params } from '../generated/fn/rights/list-empowerments';
import type {
  ChecklistDto,
  CreateDecisionDto,
  CreateEmpowermentDto,
  CreateNegativeRuleDto,
  DisclosureDetailDto,
  DisclosureDto,
  DisclosurePageDto,
  EmpowermentDto,
  EmpowermentPageDto,
  EmpowermentSummaryDto,
  NegativeRuleDto,
  ObjectionDto,
  OwnershipDto,
  PolicyDto,
  PolicyVersionDto,
  UpdatePolicyDto,
} from '../generated/models';

export type DisclosureView = DisclosureDto;
export type DisclosureDetailView = DisclosureDetailDto;
export type DisclosurePageView = DisclosurePageDto;
export type DisclosureListParams = { page?: number; pageSize?: number; kind?: ListDisclosures$Params['kind']; status?: ListDisclosures$Params['status'] };
export type ObjectionView = ObjectionDto;
export type PolicyView = PolicyDto;
export type EmpowermentView = EmpowermentDto;
export type EmpowermentSummaryView = EmpowermentSummaryDto;
export type EmpowermentPageView = EmpowermentPageDto;
export type EmpowermentInput = CreateEmpowermentDto;
export type EmpowermentListParams = { page?: number; pageSize?: number; scope?: ListEmpowerments$Params['scope']; status?: ListEmpowerments$Params['status'] };
export type DecisionInput = CreateDecisionDto;
export type ChecklistInput = ChecklistDto;
export type OwnershipView = OwnershipDto;
export type PolicyInput = UpdatePolicyDto;
export type PolicyVersionView = PolicyVersionDto;
export type NegativeRuleView = NegativeRuleDto;
export type NegativeRuleInput = CreateNegativeRuleDto;

/** Rights (API.md "Rights"): disclosures (公示) and objections, institution policies and negative lists, ownership and empowerments. */
@Injectable({ providedIn: 'root' })
export class RightsApi {
  private readonly api = inject(Api);

  disclosures(params: DisclosureListParams, context?: HttpContext): Promise<DisclosurePageView> {
    return this.api.invoke(listDisclosures, params, context);
  }

  disclosure(id: string, context?: HttpContext): Promise<DisclosureDetailView> {
    return this.api.invoke(getDisclosure, { id }, context);
  }

  objectTo(id: string, text: string, context?: HttpContext): Promise<ObjectionView> {
    return this.api.invoke(createObjection, { id, body: { text } }, context);
  }

  policy(institutionId: string, context?: HttpContext): Promise<PolicyView> {
    return this.api.invoke(getPolicy, { id: institutionId }, context);
  }

  updatePolicy(institutionId: string, body: PolicyInput, context?: HttpContext): Promise<PolicyView> {
    return this.api.invoke(putPolicy, { id: institutionId, body }, context);
  }

  policyVersions(institutionId: string, context?: HttpContext): Promise<PolicyVersionView[]> {
    return this.api.invoke(listPolicyVersions, { id: institutionId }, context);
  }

  negativeList(institutionId: string, context?: HttpContext): Promise<NegativeRuleView[]> {
    return this.api.invoke(listNegativeRules, { id: institutionId }, context);
  }

  addNegativeRule(institutionId: string, body: NegativeRuleInput, context?: HttpContext): Promise<NegativeRuleView> {
    return this.api.invoke(createNegativeRule, { id: institutionId, body }, context);
  }

  async removeNegativeRule(institutionId: string, ruleId: string, context?: HttpContext): Promise<void> {
    await this.api.invoke(deleteNegativeRule, { id: institutionId, ruleId }, context);
  }

  ownership(achievementId: string, context?: HttpContext): Promise<OwnershipView> {
    return this.api.invoke(getOwnership, { id: achievementId }, context);
  }

  achievementEmpowerments(achievementId: string, context?: HttpContext): Promise<EmpowermentSummaryView[]> {
    return this.api.invoke(listAchievementEmpowerments, { id: achievementId }, context);
  }

  applyForEmpowerment(achievementId: string, body: EmpowermentInput, context?: HttpContext): Promise<EmpowermentView> {
    return this.api.invoke(createEmpowerment, { id: achievementId, body }, context);
  }

  empowerments(params: EmpowermentListParams, context?: HttpContext): Promise<EmpowermentPageView> {
    return this.api.invoke(listEmpowerments, params, context);
  }

  empowerment(id: string, context?: HttpContext): Promise<EmpowermentView> {
    return this.api.invoke(getEmpowerment, { id }, context);
  }

  consent(id: string, body: { inventorPosition?: number; evidence?: string } = {}, context?: HttpContext): Promise<EmpowermentView> {
    return this.api.invoke(createConsent, { id, body }, context);
  }

  decide(id: string, body: DecisionInput, context?: HttpContext): Promise<EmpowermentView> {
    return this.api.invoke(createDecision, { id, body }, context);
  }

  answerObjection(id: string, objectionId: string, body: { status: 'upheld' | 'dismissed'; reasons: string }, context?: HttpContext): Promise<ObjectionView> {
    return this.api.invoke(answerObjection, { id, objectionId, body }, context);
  }

  withdrawEmpowerment(id: string, context?: HttpContext): Promise<EmpowermentView> {
    return this.api.invoke(withdrawEmpowerment, { id }, context);
  }
}
