import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { AuditService, RequirePermission } from '@ttx/api/core';

class ChainVerdictDto {
  @ApiProperty() ok!: boolean;
  @ApiProperty() checked!: number;
  @ApiPropertyOptional() brokenAtSeq?: string;
}

@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get('verify')
  @RequirePermission('platform:admin')
  @ApiOkResponse({ type: ChainVerdictDto, description: 'Recomputes the whole hash chain' })
  verifyAuditChain(): Promise<ChainVerdictDto> {
    return this.audit.verify();
  }
}
