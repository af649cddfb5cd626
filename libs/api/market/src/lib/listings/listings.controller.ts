import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Public, RequirePermission, type AuthUser } from '@ttx/api/core';
import { IsString, Length } from 'class-validator';
import {
  BuyerOrgDto,
  CounterOfferDto,
  CreateListingDto,
  DealDto,
  EvaluationDto,
  IntentViewDto,
  ListingDto,
  ListingPageDto,
  ListingsQueryDto,
  OfferDto,
  OfferViewDto,
  TakeResultDto,
} from '../dto/market.dto';
import { DealsService } from '../deals/deals.service';
import { NegotiationService } from '../negotiation/negotiation.service';
import { TakeService } from '../trading/take.service';
import { ListingsService } from './listings.service';

const uuid = new ParseUUIDPipe({ version: '4', errorHttpStatusCode: 404 });

export class JustificationDto {
  @ApiProperty({ maxLength: 2000 }) @IsString() @Length(1, 2000) text!: string;
}

@ApiTags('market')
@ApiBearerAuth()
@Controller()
export class ListingsController {
  constructor(
    private readonly listings: ListingsService,
    private readonly take: TakeService,
    private readonly negotiation: NegotiationService,
    private readonly deals: DealsService,
  ) {}

  @Get('listings')
  @Public()
  @ApiOperation({ summary: 'Live listings (open or in auction) by method; ?status= for others' })
  @ApiOkResponse({ type: ListingPageDto })
  listListings(@Query() q: ListingsQueryDto): Promise<ListingPageDto> {
    return this.listings.list(q);
  }

  @Get('listings/mine')
  @RequirePermission('listing:write')
  @ApiOperation({ summary: "The caller's institutions' listings in every state" })
  @ApiOkResponse({ type: ListingPageDto })
  listMyListings(@CurrentUser() user: AuthUser, @Query() q: ListingsQueryDto): Promise<ListingPageDto> {
    return this.listings.mine(user, q);
  }

  @Post('listings')
  @RequirePermission('listing:write')
  @ApiCreatedResponse({ type: ListingDto })
  createListing(@CurrentUser() user: AuthUser, @Body() dto: CreateListingDto): Promise<ListingDto> {
    return this.listings.create(user, dto);
  }

  @Get('listings/:id')
  @Public()
  @ApiOkResponse({ type: ListingDto, description: 'An auction listing carries auctionId' })
  getListing(@Param('id', uuid) id: string): Promise<ListingDto> {
    return this.listings.get(id);
  }

  @Post('listings/:id/evaluation')
  @RequirePermission('evaluation:write')
  @ApiCreatedResponse({ type: ListingDto, description: 'Asset-evaluation report (value, date, method) shown as the price basis' })
  evaluateListing(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: EvaluationDto): Promise<ListingDto> {
    return this.listings.evaluate(user, id, dto);
  }

  @Post('listings/:id/justification')
  @HttpCode(200)
  @RequirePermission('listing:write')
  @ApiOkResponse({ type: ListingDto, description: 'Why a government-funded achievement may sell below its evaluated value' })
  justifyListing(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: JustificationDto): Promise<ListingDto> {
    return this.listings.justify(user, id, dto.text);
  }

  @Post('listings/:id/withdraw')
  @HttpCode(200)
  @RequirePermission('listing:write')
  @ApiOkResponse({ type: ListingDto, description: 'Stops new offers, intents and takers; deals already made stand' })
  withdrawListing(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<ListingDto> {
    return this.listings.withdraw(user, id);
  }

  @Post('listings/:id/take')
  @RequirePermission('market:trade')
  @ApiCreatedResponse({ type: TakeResultDto, description: 'Fixed price: registers an intent; open licence: takes a non-exclusive licence at once' })
  takeListing(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: BuyerOrgDto): Promise<TakeResultDto> {
    return this.take.take(user, id, dto.organizationId);
  }

  @Get('listings/:id/intents')
  @RequirePermission('listing:write')
  @ApiOkResponse({ type: [IntentViewDto] })
  listListingIntents(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<IntentViewDto[]> {
    return this.take.intents(user, id);
  }

  @Post('listings/:id/offers')
  @RequirePermission('market:trade')
  @ApiCreatedResponse({ type: OfferViewDto })
  makeOffer(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: OfferDto): Promise<OfferViewDto> {
    return this.negotiation.offer(user, id, dto);
  }

  @Get('listings/:id/offers')
  @RequirePermission('authenticated')
  @ApiOkResponse({ type: [OfferViewDto], description: 'The seller sees every thread, a buyer its own' })
  listListingOffers(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<OfferViewDto[]> {
    return this.negotiation.forListing(user, id);
  }

  @Get('offers')
  @RequirePermission('authenticated')
  @ApiOkResponse({ type: [OfferViewDto], description: "Negotiation inbox of the caller's organisations" })
  listOfferInbox(@CurrentUser() user: AuthUser): Promise<OfferViewDto[]> {
    return this.negotiation.inbox(user);
  }

  @Post('offers/:id/counter')
  @RequirePermission('authenticated')
  @ApiCreatedResponse({ type: OfferViewDto })
  counterOffer(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: CounterOfferDto): Promise<OfferViewDto> {
    return this.negotiation.counter(user, id, dto);
  }

  @Post('offers/:id/accept')
  @HttpCode(200)
  @RequirePermission('authenticated')
  @ApiOkResponse({ type: OfferViewDto, description: 'Makes the deal; one accepted offer per listing' })
  acceptOffer(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<OfferViewDto> {
    return this.negotiation.accept(user, id);
  }

  @Post('offers/:id/reject')
  @HttpCode(200)
  @RequirePermission('authenticated')
  @ApiOkResponse({ type: OfferViewDto })
  rejectOffer(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<OfferViewDto> {
    return this.negotiation.reject(user, id);
  }

  @Get('deals/mine')
  @RequirePermission('authenticated')
  @ApiOkResponse({ type: [DealDto], description: "The caller's organisations' deals as seller or buyer" })
  listMyDeals(@CurrentUser() user: AuthUser): Promise<DealDto[]> {
    return this.deals.mine(user);
  }

  @Get('deals/:id')
  @RequirePermission('authenticated')
  @ApiOkResponse({ type: DealDto })
  getDeal(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<DealDto> {
    return this.deals.get(user, id);
  }
}
