import { Body, Controller, Get, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public, RequirePermission } from '@ttx/api/core';
import { RegistrySettingsDto } from '../dto/settings.dto';
import { StatsExportQueryDto, StatsQueryDto, StatsResultDto } from '../dto/stats.dto';
import { RegistrySettingsService } from '../settings/settings.service';
import { StatsService } from './stats.service';

@ApiTags('registry')
@ApiBearerAuth()
@Controller()
export class StatsController {
  constructor(
    private readonly stats: StatsService,
    private readonly settings: RegistrySettingsService,
  ) {}

  @Get('stats/contracts')
  @Public()
  @ApiOperation({ summary: 'Published statistics of registered contracts by kind, region, province, field, party type or month' })
  @ApiOkResponse({ type: StatsResultDto })
  async contractStats(@Query() q: StatsQueryDto): Promise<StatsResultDto> {
    return { items: await this.stats.query(q) };
  }

  @Get('stats/contracts/export')
  @Public()
  @ApiOkResponse({
    description: 'The same figures as a CSV or XLSX file',
    content: { 'text/csv': { schema: { type: 'string', format: 'binary' } }, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', format: 'binary' } } },
  })
  async exportContractStats(@Query() q: StatsExportQueryDto, @Res() reply: FastifyReply): Promise<void> {
    const format = q.format ?? 'csv';
    const body = await this.stats.export(q, format);
    await reply
      .header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="contract-stats-${q.groupBy}.${format}"`)
      .send(body);
  }

  @Get('registry/settings')
  @RequirePermission('authenticated')
  @ApiOperation({ summary: 'Registry settings: review deadline and risk-warning thresholds' })
  @ApiOkResponse({ type: RegistrySettingsDto })
  getRegistrySettings(): Promise<RegistrySettingsDto> {
    return this.settings.get();
  }

  @Put('registry/settings')
  @RequirePermission('platform:admin')
  @ApiOkResponse({ type: RegistrySettingsDto })
  putRegistrySettings(@Body() dto: RegistrySettingsDto): Promise<RegistrySettingsDto> {
    return this.settings.put(dto);
  }
}
