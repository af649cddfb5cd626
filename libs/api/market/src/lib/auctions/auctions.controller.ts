import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Public, RequirePermission, type AuthUser } from '@ttx/api/core';
import { AuctionDto, BidAcceptedDto, BidDto, BidderDto, BidViewDto, DecideBidderDto, MyAuctionDto, RegisterBidderDto } from '../dto/market.dto';
import { AuctionsService } from './auctions.service';
import { BidsService } from './bids.service';

const uuid = new ParseUUIDPipe({ version: '4', errorHttpStatusCode: 404 });

@ApiTags('market')
@ApiBearerAuth()
@Controller('auctions')
export class AuctionsController {
  constructor(
    private readonly auctions: AuctionsService,
    private readonly bids: BidsService,
  ) {}

  @Get(':id')
  @Public()
  @ApiOkResponse({ type: AuctionDto })
  getAuction(@Param('id', uuid) id: string): Promise<AuctionDto> {
    return this.auctions.get(id);
  }

  @Get(':id/bids')
  @Public()
  @ApiOkResponse({ type: [BidViewDto], description: 'Bid history, bidders anonymised' })
  listAuctionBids(@Param('id', uuid) id: string): Promise<BidViewDto[]> {
    return this.auctions.history(null, id);
  }

  @Get(':id/my-bids')
  @RequirePermission('authenticated')
  @ApiOkResponse({ type: [BidViewDto], description: 'Bid history marking the caller’s own bids (the seller sees names)' })
  listAuctionBidsForMe(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<BidViewDto[]> {
    return this.auctions.history(user, id);
  }

  @Post(':id/bids')
  @RequirePermission('market:trade')
  @ApiOperation({ summary: 'Place a bid; header Idempotency-Key (1–200 visible ASCII characters) is required: a replay returns the first result' })
  @ApiCreatedResponse({ type: BidAcceptedDto })
  placeBid(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: BidDto, @Headers('idempotency-key') key?: string): Promise<BidAcceptedDto> {
    return this.bids.place(user, id, dto.amount, BidsService.checkKey(key));
  }

  @Get(':id/me')
  @RequirePermission('authenticated')
  @ApiOkResponse({ type: MyAuctionDto, description: "The caller's bidder status" })
  getMyAuctionStatus(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<MyAuctionDto> {
    return this.auctions.me(user, id);
  }

  @Post(':id/register')
  @RequirePermission('market:trade')
  @ApiCreatedResponse({ type: MyAuctionDto, description: 'Asks to bid; the seller approves' })
  registerBidder(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: RegisterBidderDto): Promise<MyAuctionDto> {
    return this.auctions.register(user, id, dto.organizationId, dto.deposit);
  }

  @Get(':id/bidders')
  @RequirePermission('listing:write')
  @ApiOkResponse({ type: [BidderDto] })
  listBidders(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<BidderDto[]> {
    return this.auctions.bidders(user, id);
  }

  @Post(':id/bidders/:orgId')
  @HttpCode(200)
  @RequirePermission('listing:write')
  @ApiOkResponse({ type: [BidderDto] })
  decideBidder(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Param('orgId', uuid) orgId: string, @Body() dto: DecideBidderDto): Promise<BidderDto[]> {
    return this.auctions.decide(user, id, orgId, dto.status);
  }
}
