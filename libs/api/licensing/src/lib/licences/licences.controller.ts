import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, RequirePermission, type AuthUser } from '@ttx/api/core';
import { CreateLicenceDto, LicenceCostDto, LicenceDetailDto, LicencePageDto, LicencesQueryDto, RoyaltyReportDto, RoyaltyReportInputDto, TerminateLicenceDto } from '../dto/licence.dto';
import { InvoiceListDto } from '../dto/money.dto';
import { StatementsService } from '../statements/statements.service';
import { LicencesService } from './licences.service';
import { RoyaltyReportsService } from './royalty-reports.service';

export const uuid = new ParseUUIDPipe({ version: '4', errorHttpStatusCode: 404 });

@ApiTags('licensing')
@ApiBearerAuth()
@Controller('licences')
export class LicencesController {
  constructor(
    private readonly licences: LicencesService,
    private readonly reports: RoyaltyReportsService,
    private readonly statements: StatementsService,
  ) {}

  @Get()
  @RequirePermission('authenticated')
  @ApiOperation({ summary: "The caller's organisations' licences, as licensor or licensee" })
  @ApiOkResponse({ type: LicencePageDto })
  listLicences(@CurrentUser() user: AuthUser, @Query() q: LicencesQueryDto): Promise<LicencePageDto> {
    return this.licences.list(user, q);
  }

  @Post()
  @RequirePermission('licence:manage')
  @ApiOperation({ summary: 'A TTO manager records the licence of an offline deal (draft); exclusive/sole overlaps → 409 licence-overlap-exclusive' })
  @ApiCreatedResponse({ type: LicenceDetailDto })
  createLicence(@CurrentUser() user: AuthUser, @Body() dto: CreateLicenceDto): Promise<LicenceDetailDto> {
    return this.licences.create(user, dto);
  }

  @Get(':id')
  @RequirePermission('authenticated')
  @ApiOkResponse({ type: LicenceDetailDto })
  getLicence(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<LicenceDetailDto> {
    return this.licences.get(user, id);
  }

  @Post(':id/activate')
  @HttpCode(200)
  @RequirePermission('licence:manage')
  @ApiOkResponse({ type: LicenceDetailDto })
  activateLicence(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<LicenceDetailDto> {
    return this.licences.activate(user, id);
  }

  @Post(':id/terminate')
  @HttpCode(200)
  @RequirePermission('licence:manage')
  @ApiOkResponse({ type: LicenceDetailDto })
  terminateLicence(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: TerminateLicenceDto): Promise<LicenceDetailDto> {
    return this.licences.terminate(user, id, dto);
  }

  @Post(':id/milestones/:mid/confirm')
  @HttpCode(200)
  @RequirePermission('licence:manage')
  @ApiOperation({ summary: 'The licensor confirms a milestone; its invoice follows' })
  @ApiOkResponse({ type: LicenceDetailDto })
  confirmLicenceMilestone(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Param('mid', uuid) mid: string): Promise<LicenceDetailDto> {
    return this.licences.confirmMilestone(user, id, mid);
  }

  @Post(':id/costs')
  @RequirePermission('licence:manage')
  @ApiOperation({ summary: 'Records a direct deal cost, charged to the next payments before the split' })
  @ApiCreatedResponse({ type: LicenceDetailDto })
  addLicenceCost(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: LicenceCostDto): Promise<LicenceDetailDto> {
    return this.licences.addCost(user, id, dto);
  }

  @Post(':id/royalty-reports')
  @RequirePermission('licence:pay')
  @ApiOperation({ summary: 'The licensee reports net sales of a period (once per period → 409; late ones are flagged)' })
  @ApiCreatedResponse({ type: RoyaltyReportDto })
  submitRoyaltyReport(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: RoyaltyReportInputDto): Promise<RoyaltyReportDto> {
    return this.reports.submit(user, id, dto);
  }

  @Get(':id/invoices')
  @RequirePermission('authenticated')
  @ApiOkResponse({ type: InvoiceListDto })
  listLicenceInvoices(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<InvoiceListDto> {
    return this.statements.invoices(user, id);
  }
}
