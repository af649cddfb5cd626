import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, RequirePermission, type AuthUser } from '@ttx/api/core';
import { ListingConsentsDto, RecordListingConsentDto } from '../dto/listing-consent.dto';
import { ListingConsentsService } from './listing-consents.service';

const uuid = new ParseUUIDPipe({ version: '4', errorHttpStatusCode: 404 });

@ApiTags('market')
@ApiBearerAuth()
@Controller('achievements/:id/listing-consents')
export class ListingConsentsController {
  constructor(private readonly consents: ListingConsentsService) {}

  @Get()
  @RequirePermission('authenticated')
  @ApiOperation({ summary: "Owners from the rights ledger and their consents to listing methods (co-owners and the selling TTO)" })
  @ApiOkResponse({ type: ListingConsentsDto })
  listListingConsents(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<ListingConsentsDto> {
    return this.consents.view(user, id);
  }

  @Post()
  @RequirePermission('authenticated')
  @ApiOperation({ summary: 'A co-owner consents to listing by a method for a deal type (idempotent)' })
  @ApiCreatedResponse({ type: ListingConsentsDto })
  recordListingConsent(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: RecordListingConsentDto): Promise<ListingConsentsDto> {
    return this.consents.record(user, id, dto);
  }
}
