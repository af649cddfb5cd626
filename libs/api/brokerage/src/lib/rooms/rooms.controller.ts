import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, RequirePermission, type AuthUser } from '@ttx/api/core';
import { uuid } from '../demands/demands.controller';
import {
  ChecklistUpdateDto,
  CloseRoomDto,
  CommissionDto,
  InviteDto,
  MessagesQueryDto,
  OpenRoomDto,
  PostMessageDto,
  RoomDocumentContentDto,
  RoomDocumentDto,
  RoomDocumentListDto,
  RoomDto,
  RoomListDto,
  RoomMessageDto,
  RoomMessageListDto,
  RoomOfferDto,
  RoomOfferViewDto,
  RoomsQueryDto,
  UploadDocumentDto,
} from './room.dto';
import { RoomsService } from './rooms.service';

/** Everything under /deal-rooms/:id is for room members only (others get 404); membership is checked in the service. */
@ApiTags('brokerage')
@ApiBearerAuth()
@Controller('deal-rooms')
export class RoomsController {
  constructor(private readonly rooms: RoomsService) {}

  @Post()
  @RequirePermission('deal-room:open')
  @ApiCreatedResponse({ type: RoomDto, description: 'Opened by a broker with a profile or the TTO manager of the achievement’s institution' })
  openDealRoom(@CurrentUser() user: AuthUser, @Body() dto: OpenRoomDto): Promise<RoomDto> {
    return this.rooms.open(user, dto);
  }

  @Get()
  @RequirePermission('authenticated')
  @ApiOperation({ summary: "The caller's deal rooms (optionally of one stage)" })
  @ApiOkResponse({ type: RoomListDto })
  listDealRooms(@CurrentUser() user: AuthUser, @Query() q: RoomsQueryDto): Promise<RoomListDto> {
    return this.rooms.list(user, q.stage);
  }

  @Get(':id')
  @RequirePermission('authenticated')
  @ApiOkResponse({ type: RoomDto })
  getDealRoom(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<RoomDto> {
    return this.rooms.get(user, id);
  }

  @Post(':id/members')
  @RequirePermission('authenticated')
  @ApiCreatedResponse({ type: RoomDto })
  inviteDealRoomMember(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: InviteDto): Promise<RoomDto> {
    return this.rooms.invite(user, id, dto);
  }

  @Post(':id/nda')
  @HttpCode(200)
  @RequirePermission('authenticated')
  @ApiOkResponse({ type: RoomDto, description: 'Idempotent; the last signature moves the room to negotiating' })
  acceptDealRoomNda(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<RoomDto> {
    return this.rooms.acceptNda(user, id);
  }

  @Get(':id/messages')
  @RequirePermission('authenticated')
  @ApiOperation({ summary: 'Messages after ?since= (cursor); live updates are pushed over socket.io once wired' })
  @ApiOkResponse({ type: RoomMessageListDto })
  listDealRoomMessages(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Query() q: MessagesQueryDto): Promise<RoomMessageListDto> {
    return this.rooms.messages(user, id, q.since);
  }

  @Post(':id/messages')
  @RequirePermission('authenticated')
  @ApiOperation({ summary: "Posts a message; the room's other members are notified (one unread notification per member and room, showing the latest)" })
  @ApiCreatedResponse({ type: RoomMessageDto })
  postDealRoomMessage(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: PostMessageDto): Promise<RoomMessageDto> {
    return this.rooms.post(user, id, dto.body);
  }

  @Get(':id/documents')
  @RequirePermission('authenticated')
  @ApiOkResponse({ type: RoomDocumentListDto })
  listDealRoomDocuments(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<RoomDocumentListDto> {
    return this.rooms.documents(user, id);
  }

  @Post(':id/documents')
  @RequirePermission('authenticated')
  @ApiCreatedResponse({ type: RoomDocumentDto })
  uploadDealRoomDocument(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: UploadDocumentDto): Promise<RoomDocumentDto> {
    return this.rooms.upload(user, id, dto);
  }

  @Get(':id/documents/:documentId')
  @RequirePermission('authenticated')
  @ApiOkResponse({ type: RoomDocumentContentDto })
  getDealRoomDocument(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Param('documentId', uuid) documentId: string): Promise<RoomDocumentContentDto> {
    return this.rooms.document(user, id, documentId);
  }

  @Patch(':id/checklist/:itemId')
  @RequirePermission('authenticated')
  @ApiOkResponse({ type: RoomDto })
  updateDealRoomChecklist(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Param('itemId', uuid) itemId: string, @Body() dto: ChecklistUpdateDto): Promise<RoomDto> {
    return this.rooms.check(user, id, itemId, dto.done);
  }

  @Post(':id/offers')
  @RequirePermission('authenticated')
  @ApiCreatedResponse({ type: RoomOfferViewDto, description: "An enterprise party's offer; announced as deal-room.offer-made for the market" })
  makeDealRoomOffer(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: RoomOfferDto): Promise<RoomOfferViewDto> {
    return this.rooms.offer(user, id, dto);
  }

  @Put(':id/commission')
  @RequirePermission('authenticated')
  @ApiOkResponse({ type: RoomDto, description: "The room's broker proposes a rate or an amount" })
  proposeDealRoomCommission(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: CommissionDto): Promise<RoomDto> {
    return this.rooms.proposeCommission(user, id, dto);
  }

  @Post(':id/commission/agree')
  @HttpCode(200)
  @RequirePermission('authenticated')
  @ApiOkResponse({ type: RoomDto, description: 'A party agrees; announced as deal-room.commission-agreed for licensing' })
  agreeDealRoomCommission(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<RoomDto> {
    return this.rooms.agreeCommission(user, id);
  }

  @Post(':id/close')
  @HttpCode(200)
  @RequirePermission('authenticated')
  @ApiOkResponse({ type: RoomDto })
  closeDealRoom(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() dto: CloseRoomDto): Promise<RoomDto> {
    return this.rooms.close(user, id, dto.outcome);
  }
}
