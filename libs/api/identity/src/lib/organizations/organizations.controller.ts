import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, RequirePermission, type AuthUser } from '@ttx/api/core';
import {
  AddMemberDto,
  CreateOrganizationDto,
  ListOrganizationsQueryDto,
  MemberDto,
  OrganizationDto,
  OrganizationPageDto,
} from '../dto/organization.dto';
import { OrganizationsService } from './organizations.service';

const uuid = new ParseUUIDPipe({ version: '4', errorHttpStatusCode: 404 });

@ApiTags('organizations')
@ApiBearerAuth()
@Controller('organizations')
export class OrganizationsController {
  constructor(private readonly orgs: OrganizationsService) {}

  @Post()
  @RequirePermission('organization:create')
  @ApiCreatedResponse({ type: OrganizationDto, description: 'The creator becomes its admin member' })
  createOrganization(@CurrentUser() user: AuthUser, @Body() dto: CreateOrganizationDto): Promise<OrganizationDto> {
    return this.orgs.create(user, dto);
  }

  @Get()
  @RequirePermission('authenticated')
  @ApiOkResponse({ type: OrganizationPageDto })
  listOrganizations(@CurrentUser() user: AuthUser, @Query() q: ListOrganizationsQueryDto): Promise<OrganizationPageDto> {
    return this.orgs.list(user, q.page, q.pageSize, q.verified);
  }

  @Get('by-credit-code/:creditCode')
  @RequirePermission('authenticated')
  @ApiOperation({ summary: 'The organisation with this 18-character unified social credit code (exact); bad code → 422 naming creditCode, none → 404' })
  @ApiOkResponse({ type: OrganizationDto })
  findOrganizationByCreditCode(@Param('creditCode') creditCode: string): Promise<OrganizationDto> {
    // Codes are upper case (GB 32100); a typed lower-case one is the same code.
    return this.orgs.byCreditCode(creditCode.trim().toUpperCase());
  }

  @Get(':id')
  @RequirePermission('authenticated')
  @ApiOkResponse({ type: OrganizationDto })
  getOrganization(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<OrganizationDto> {
    return this.orgs.get(user, id);
  }

  @Get(':id/members')
  @RequirePermission('authenticated')
  @ApiOkResponse({ type: [MemberDto] })
  listMembers(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<MemberDto[]> {
    return this.orgs.members(user, id);
  }

  @Post(':id/members')
  @RequirePermission('authenticated')
  @ApiCreatedResponse({ type: MemberDto })
  addMember(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: AddMemberDto): Promise<MemberDto> {
    return this.orgs.addMember(user, id, dto);
  }

  @Post(':id/verify')
  @HttpCode(200)
  @RequirePermission('organization:verify')
  @ApiOkResponse({ type: OrganizationDto })
  verifyOrganization(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<OrganizationDto> {
    return this.orgs.verify(user, id);
  }
}
