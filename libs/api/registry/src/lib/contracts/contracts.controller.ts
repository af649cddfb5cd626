import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiHeader, ApiOkResponse, ApiOperation, ApiTags, ApiCreatedResponse, ApiAcceptedResponse } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { IsIn } from 'class-validator';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { type AuthUser, CurrentUser, IsOptionalNotNull, Problems, Public, RequirePermission } from '@ttx/api/core';
import { CertificateService } from '../certificate/certificate.service';
import {
  AmendContractDto,
  ContractDto,
  ContractPageDto,
  CreateContractDto,
  ListContractsQueryDto,
  RejectContractDto,
  TerminateContractDto,
  VerifyResultDto,
} from '../dto/contract.dto';
import { ImportAcceptedDto, ImportStatusDto } from '../dto/import.dto';
import { ImportsService } from '../imports/imports.service';
import { ContractsService, MAX_ATTACHMENT_BYTES } from './contracts.service';

// Any UUID layout: filed contracts get random (v4) ids, bulk-imported ones time-ordered ones (import-sql.ts).
const uuid = new ParseUUIDPipe({ errorHttpStatusCode: 404 });

class TemplateQueryDto {
  @ApiPropertyOptional({ enum: ['csv', 'xlsx'], default: 'csv' }) @IsOptionalNotNull() @IsIn(['csv', 'xlsx']) format?: 'csv' | 'xlsx';
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const BINARY = { schema: { type: 'string', format: 'binary' } } as const;

@ApiTags('registry')
@ApiBearerAuth()
@Controller('contracts')
export class ContractsController {
  constructor(
    private readonly contracts: ContractsService,
    private readonly certificates: CertificateService,
    private readonly imports: ImportsService,
  ) {}

  @Get()
  @RequirePermission('authenticated')
  @ApiOperation({ summary: "The caller's organisations' contracts; a registrar sees those of its region (not drafts)" })
  @ApiOkResponse({ type: ContractPageDto })
  listContracts(@CurrentUser() user: AuthUser, @Query() q: ListContractsQueryDto): Promise<ContractPageDto> {
    return this.contracts.list(user, q);
  }

  @Post()
  @RequirePermission('contract:file')
  @ApiOperation({ summary: 'File a technology contract as the seller (a draft); the same parties, date and amount twice → 409' })
  @ApiCreatedResponse({ type: ContractDto })
  createContract(@CurrentUser() user: AuthUser, @Body() dto: CreateContractDto): Promise<ContractDto> {
    return this.contracts.create(user, dto);
  }

  @Get('verify/:code')
  @Public()
  @ApiOperation({ summary: 'Public check of a certificate by its verification code' })
  @ApiOkResponse({ type: VerifyResultDto })
  verifyCertificate(@Param('code') code: string): Promise<VerifyResultDto> {
    return this.certificates.verify(code);
  }

  @Get('imports/template')
  @RequirePermission('contract:register')
  @ApiOperation({ summary: 'The import template with the documented column set (CSV or XLSX)' })
  @ApiOkResponse({ description: 'The template file', content: { 'text/csv': BINARY, [XLSX]: BINARY } })
  async importTemplate(@Query() q: TemplateQueryDto, @Res() reply: FastifyReply): Promise<void> {
    const format = q.format ?? 'csv';
    const body = await this.imports.template(format);
    await reply
      .header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : XLSX)
      .header('content-disposition', `attachment; filename="contracts-template.${format}"`)
      .send(body);
  }

  @Post('imports')
  @HttpCode(202)
  @RequirePermission('contract:register')
  @ApiOperation({ summary: 'Bulk import of registered contracts (CSV or XLSX, see the template); runs in the worker' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary', description: '.csv or .xlsx, at most 512 MB' } } } })
  @ApiAcceptedResponse({ type: ImportAcceptedDto })
  async startImport(@CurrentUser() user: AuthUser, @Req() req: FastifyRequest): Promise<ImportAcceptedDto> {
    const isMultipart = (req as unknown as { isMultipart?: () => boolean }).isMultipart?.() ?? false;
    const file = isMultipart ? await (req as unknown as { file: () => Promise<Parameters<ImportsService['start']>[1]> }).file() : undefined;
    return this.imports.start(user, file);
  }

  @Get('imports/:id')
  @RequirePermission('contract:register')
  @ApiOperation({ summary: 'Progress and the bad rows of an import' })
  @ApiOkResponse({ type: ImportStatusDto })
  importStatus(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<ImportStatusDto> {
    return this.imports.status(user, id);
  }

  @Get(':id')
  @RequirePermission('authenticated')
  @ApiOkResponse({ type: ContractDto })
  getContract(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<ContractDto> {
    return this.contracts.get(user, id);
  }

  @Get(':id/certificate.pdf')
  @RequirePermission('authenticated')
  @ApiOperation({ summary: 'Registration certificate (PDF, Chinese) with the verification code' })
  @ApiOkResponse({ description: 'PDF', content: { 'application/pdf': BINARY } })
  async contractCertificate(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const c = await this.contracts.registered(user, id);
    const origin = `${req.protocol}://${req.headers.host ?? 'localhost'}`;
    const pdf = await this.certificates.pdf(c, `${origin}/registry/verify/${c.verificationCode}`);
    await reply.header('content-type', 'application/pdf').header('content-disposition', `attachment; filename="certificate-${c.registrationNumber}.pdf"`).send(pdf);
  }

  @Post(':id/attachments')
  @RequirePermission('contract:file')
  @ApiOperation({ summary: 'Attach the contract text or a proof (multipart field "file", at most 20 MB)' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiCreatedResponse({ type: ContractDto })
  async attachToContract(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Req() req: FastifyRequest): Promise<ContractDto> {
    const r = req as unknown as { isMultipart?: () => boolean; file: (o?: unknown) => Promise<{ filename: string; mimetype: string; toBuffer: () => Promise<Buffer> } | undefined> };
    const part = r.isMultipart?.() ? await r.file({ limits: { fileSize: MAX_ATTACHMENT_BYTES } }) : undefined;
    if (!part) throw Problems.badRequest('Send the file as multipart/form-data field "file"', [{ field: 'file', message: 'required' }]);
    return this.contracts.attach(user, id, { filename: part.filename, mimetype: part.mimetype, content: await part.toBuffer() });
  }

  @Get(':id/attachments/:attachmentId')
  @RequirePermission('authenticated')
  @ApiOkResponse({ description: 'The attached file', content: { 'application/octet-stream': BINARY } })
  async contractAttachment(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) id: string,
    @Param('attachmentId', uuid) attachmentId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const f = await this.contracts.attachment(user, id, attachmentId);
    await reply.header('content-type', f.mediaType).header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.fileName)}`).send(f.content);
  }

  @Post(':id/submit')
  @HttpCode(200)
  @RequirePermission('contract:file')
  @ApiOkResponse({ type: ContractDto })
  submitContract(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<ContractDto> {
    return this.contracts.submit(user, id);
  }

  @Post(':id/amendments')
  @HttpCode(200)
  @RequirePermission('contract:file')
  @ApiOperation({ summary: 'Amend a registered contract (amounts, validity); the history keeps the previous figures' })
  @ApiOkResponse({ type: ContractDto })
  amendContract(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: AmendContractDto): Promise<ContractDto> {
    return this.contracts.amend(user, id, dto);
  }

  @Post(':id/terminate')
  @HttpCode(200)
  @RequirePermission('authenticated')
  @ApiOperation({ summary: 'Terminate a registered contract (its seller or a registrar of its region)' })
  @ApiOkResponse({ type: ContractDto })
  terminateContract(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: TerminateContractDto): Promise<ContractDto> {
    return this.contracts.terminate(user, id, dto);
  }

  @Post(':id/accept')
  @HttpCode(200)
  @RequirePermission('contract:register')
  @ApiOperation({ summary: 'Accept a submitted contract for review; starts the review deadline' })
  @ApiOkResponse({ type: ContractDto })
  acceptContract(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<ContractDto> {
    return this.contracts.accept(user, id);
  }

  @Post(':id/register')
  @HttpCode(200)
  @RequirePermission('contract:register')
  @ApiOperation({ summary: 'Register: issues the 16-digit number (year + region + gapless serial)' })
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: 'A repeat with the same key replays the result' })
  @ApiOkResponse({ type: ContractDto })
  registerContract(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Headers('idempotency-key') key: string | undefined): Promise<ContractDto> {
    return this.contracts.register(user, id, key);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @RequirePermission('contract:register')
  @ApiOkResponse({ type: ContractDto })
  rejectContract(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: RejectContractDto): Promise<ContractDto> {
    return this.contracts.reject(user, id, dto);
  }
}
