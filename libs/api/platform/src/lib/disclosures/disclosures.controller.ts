import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Public, RequirePermission, type AuthUser } from '@ttx/api/core';
import { CreateObjectionDto, DisclosureDetailDto, DisclosurePageDto, DisclosureQueryDto, ObjectionDto } from './disclosure.dto';
import { DisclosuresService } from './disclosures.service';

const uuid = new ParseUUIDPipe({ errorHttpStatusCode: 404 });

@ApiTags('disclosures')
@Controller('disclosures')
export class DisclosuresController {
  constructor(private readonly disclosures: DisclosuresService) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Public notices (公示) of empowerment decisions and deals, newest first' })
  @ApiOkResponse({ type: DisclosurePageDto })
  listDisclosures(@Query() q: DisclosureQueryDto): Promise<DisclosurePageDto> {
    return this.disclosures.list(q);
  }

  @Get(':id')
  @Public()
  @ApiOkResponse({ type: DisclosureDetailDto })
  getDisclosure(@Param('id', uuid) id: string): Promise<DisclosureDetailDto> {
    return this.disclosures.detail(id);
  }

  @Post(':id/objections')
  @ApiBearerAuth()
  @RequirePermission('authenticated')
  @ApiOperation({ summary: 'Object to a notice while it is open (409 otherwise)' })
  @ApiCreatedResponse({ type: ObjectionDto })
  createObjection(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: CreateObjectionDto): Promise<ObjectionDto> {
    return this.disclosures.raiseObjection(id, user.id, dto.text);
  }
}
