import { HttpContext } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Api } from '../generated/api';
import { createOrganization, findOrganizationByCreditCode, listMembers, listOrganizations, verifyOrganization } from '../generated/functions';
import type { CreateOrganizationDto, MemberDto, OrganizationDto, OrganizationPageDto } from '../generated/models';

export type OrganizationView = OrganizationDto;
export type OrganizationInput = CreateOrganizationDto;
export type OrganizationPageView = OrganizationPageDto;
export type OrganizationMemberView = MemberDto;
/** `undefined` lists every organisation (platform admins); otherwise only verified or only unverified ones. */
export type OrganizationVerifiedFilter = 'true' | 'false' | undefined;

/** Organisations (API.md "Identity") through the generated client: registering one, the platform admin's review queue, a lookup by credit code. */
@Injectable({ providedIn: 'root' })
export class OrganizationsApi {
  private readonly api = inject(Api);

  /** Any signed-in user; the caller becomes its admin member, with the role its kind gives once a platform admin verifies it. */
  create(body: OrganizationInput, context?: HttpContext): Promise<OrganizationView> {
    return this.api.invoke(createOrganization, { body }, context);
  }

  list(params: { page: number; pageSize: number; verified?: OrganizationVerifiedFilter }, context?: HttpContext): Promise<OrganizationPageView> {
    const { verified, ...paging } = params;
    return this.api.invoke(listOrganizations, verified ? { ...paging, verified } : paging, context);
  }

  members(id: string, context?: HttpContext): Promise<OrganizationMemberView[]> {
    return this.api.invoke(listMembers, { id }, context);
  }

  /** Exact unified social credit code (GB 32100); a malformed one answers 422 naming `creditCode`, an unknown one 404. */
  byCreditCode(creditCode: string, context?: HttpContext): Promise<OrganizationView> {
    return this.api.invoke(findOrganizationByCreditCode, { creditCode }, context);
  }

  /** Platform admins only; a second verification answers 409 `already-verified`. */
  verify(id: string, context?: HttpContext): Promise<OrganizationView> {
    return this.api.invoke(verifyOrganization, { id }, context);
  }
}
