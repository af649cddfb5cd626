import { Body, Controller, Get, Headers, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, RequirePermission, type AuthUser } from '@ttx/api/core';
import {
  CreatePaymentDto,
  DistributionListDto,
  DistributionsQueryDto,
  IncomeExportQueryDto,
  IncomeQueryDto,
  IncomeStatementDto,
  PaymentDto,
  ReceivablesDto,
  ReceivablesQueryDto,
} from '../dto/money.dto';
import { exportIncome } from '../statements/income-export';
import { StatementsService } from '../statements/statements.service';
import { PaymentsService } from './payments.service';

@ApiTags('licensing')
@ApiBearerAuth()
@Controller()
export class PaymentsController {
  constructor(
    private readonly payments: PaymentsService,
    private readonly statements: StatementsService,
  ) {}

  @Post('payments')
  @RequirePermission('licence:pay')
  @ApiOperation({ summary: 'Pays (part of) an invoice; header Idempotency-Key is required — a replay returns the first payment with Idempotent-Replayed: true' })
  @ApiHeader({ name: 'idempotency-key', required: true, description: 'Idempotency-Key: a repeat with the same key and body replays the first payment' })
  @ApiCreatedResponse({ type: PaymentDto })
  async createPayment(@CurrentUser() user: AuthUser, @Body() dto: CreatePaymentDto, @Res({ passthrough: true }) reply: FastifyReply, @Headers('idempotency-key') key?: string): Promise<PaymentDto> {
    const out = await this.payments.pay(user, PaymentsService.checkKey(key), dto);
    if (out.replayed) reply.header('Idempotent-Replayed', 'true');
    return out.payment;
  }

  @Get('distributions')
  @RequirePermission('authenticated')
  @ApiOperation({ summary: "A licence's distribution ledger: the amounts of one paymentId sum exactly to its paymentAmount" })
  @ApiOkResponse({ type: DistributionListDto })
  listDistributions(@CurrentUser() user: AuthUser, @Query() q: DistributionsQueryDto): Promise<DistributionListDto> {
    return this.statements.distributions(user, q.licenceId);
  }

  @Get('licensing/income')
  @RequirePermission('authenticated')
  @ApiOperation({ summary: "The caller's income lines, or an institution's for its TTO manager" })
  @ApiOkResponse({ type: IncomeStatementDto })
  getIncomeStatement(@CurrentUser() user: AuthUser, @Query() q: IncomeQueryDto): Promise<IncomeStatementDto> {
    return this.statements.income(user, q.organizationId);
  }

  @Get('licensing/income/export')
  @RequirePermission('authenticated')
  @ApiOkResponse({
    description: 'The income statement as CSV or XLSX',
    content: { 'text/csv': { schema: { type: 'string', format: 'binary' } }, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', format: 'binary' } } },
  })
  async exportIncomeStatement(@CurrentUser() user: AuthUser, @Query() q: IncomeExportQueryDto, @Res() reply: FastifyReply): Promise<void> {
    const file = await exportIncome(await this.statements.income(user, q.organizationId), q.format);
    await reply.header('content-type', file.contentType).header('content-disposition', `attachment; filename="${file.fileName}"`).send(file.body);
  }

  @Get('licensing/receivables')
  @RequirePermission('licence:manage')
  @ApiOperation({ summary: "An institution's open invoices (TTO finance view): outstanding, overdue, received" })
  @ApiOkResponse({ type: ReceivablesDto })
  getReceivables(@CurrentUser() user: AuthUser, @Query() q: ReceivablesQueryDto): Promise<ReceivablesDto> {
    return this.statements.receivables(user, q.organizationId);
  }
}
