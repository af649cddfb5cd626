import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsInt, IsString, IsUUID, Length, Matches, Max, MaxLength, Min, NotContains } from 'class-validator';
import { ApiFen, Fen, IsOptionalNotNull } from '@ttx/api/core';
import { AchievementSummaryDto } from '@ttx/api/catalog';
import { DEAL_ROOM_ROLES, DEAL_ROOM_STAGES, DEAL_TYPES, type DealRoomRole, type DealRoomStage, type DealType } from '@ttx/shared/contracts';
import { DemandDto } from '../demands/demand.dto';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const noNul = NotContains('\u0000', { message: 'must not contain NUL characters' });

export class OpenRoomDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID('4') demandId!: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID('4') achievementId!: string;
}

export class RoomsQueryDto {
  @ApiPropertyOptional({ enum: DEAL_ROOM_STAGES })
  @IsOptionalNotNull()
  @IsIn(DEAL_ROOM_STAGES, { message: `must be one of ${DEAL_ROOM_STAGES.join(', ')}` })
  stage?: DealRoomStage;
}

export class InviteDto {
  @ApiProperty({ example: 'sme@demo.ttx' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsEmail()
  @MaxLength(254)
  email!: string;
}

export class PostMessageDto {
  @ApiProperty({ maxLength: 4000 })
  @Transform(trim)
  @IsString()
  @Length(1, 4000)
  @noNul
  body!: string;
}

export class MessagesQueryDto {
  @ApiPropertyOptional({ description: 'Only messages after this seq (the cursor of the last call)', default: 0 })
  @IsOptionalNotNull()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  since = 0;
}

export class UploadDocumentDto {
  @ApiProperty({ example: 'term-sheet.pdf' })
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  @Matches(/^[^/\\]+$/, { message: 'must be a file name without slashes' })
  @noNul
  name!: string;

  @ApiProperty({ example: 'application/pdf' })
  @Matches(/^[\w.+-]+\/[\w.+-]+$/, { message: 'must be a MIME type' })
  @MaxLength(100)
  contentType!: string;

  @ApiProperty({ description: 'File content, base64 (at most 2 MB decoded)' })
  @IsString()
  @MaxLength(2_800_000)
  @Matches(/^[A-Za-z0-9+/]*={0,2}$/, { message: 'must be base64' })
  contentBase64!: string;
}

export class ChecklistUpdateDto {
  @ApiProperty() @IsBoolean() done!: boolean;
}

export class RoomOfferDto {
  @ApiProperty({ enum: DEAL_TYPES })
  @IsIn(DEAL_TYPES, { message: `must be one of ${DEAL_TYPES.join(', ')}` })
  dealType!: DealType;

  @Fen({ example: 150_000_000 })
  amountFen!: number;

  @ApiPropertyOptional({ maxLength: 4000 })
  @IsOptionalNotNull()
  @Transform(trim)
  @IsString()
  @MaxLength(4000)
  @noNul
  terms?: string;
}

export class CommissionDto {
  @ApiPropertyOptional({ description: 'Rate in basis points of the deal amount (1–3000 = 0.01 %–30 %)' })
  @IsOptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(3000)
  rateBp?: number;

  @Fen({ optional: true, description: 'Fixed amount in fen' })
  amountFen?: number;
}

export class CloseRoomDto {
  @ApiProperty({ enum: ['won', 'lost'] })
  @IsIn(['won', 'lost'], { message: 'must be won or lost' })
  outcome!: 'won' | 'lost';
}

export class RoomMemberDto {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: DEAL_ROOM_ROLES }) role!: DealRoomRole;
  @ApiProperty({ type: String, nullable: true }) organizationName!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) ndaAcceptedAt!: string | null;
}

export class RoomChecklistItemDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() labelZh!: string;
  @ApiProperty() labelEn!: string;
  @ApiProperty() done!: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) doneAt!: string | null;
}

export class CommissionViewDto {
  @ApiProperty({ type: Number, nullable: true }) rateBp!: number | null;
  @ApiFen({ nullable: true }) amountFen!: number | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) agreedAt!: string | null;
}

export class RoomOfferViewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) madeBy!: string;
  @ApiProperty() madeByName!: string;
  @ApiProperty({ enum: DEAL_TYPES }) dealType!: DealType;
  @ApiFen() amountFen!: number;
  @ApiProperty({ type: String, nullable: true }) terms!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: "The achievement's listing the offer went to as a market offer; null when it stayed in the room" })
  listingId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The market negotiation offer it became' }) marketOfferId!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
}

export class RoomSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: DEAL_ROOM_STAGES }) stage!: DealRoomStage;
  @ApiProperty({ format: 'uuid' }) demandId!: string;
  @ApiProperty({ format: 'uuid' }) achievementId!: string;
  @ApiProperty({ type: String, nullable: true }) demandTitle!: string | null;
  @ApiProperty({ type: String, nullable: true }) achievementTitle!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) brokerId!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
}

/** The market deal that closed the room (set after commit of the deal; the room is then closed_won). */
export class RoomDealDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiFen({ description: 'Deal price in fen' }) priceFen!: number;
}

export class RoomDto extends RoomSummaryDto {
  @ApiProperty({ type: DemandDto }) demand!: DemandDto;
  @ApiProperty({ type: AchievementSummaryDto }) achievement!: AchievementSummaryDto;
  @ApiProperty({ type: [RoomMemberDto] }) members!: RoomMemberDto[];
  @ApiProperty({ type: [RoomChecklistItemDto] }) checklist!: RoomChecklistItemDto[];
  @ApiProperty({ type: CommissionViewDto }) commission!: CommissionViewDto;
  @ApiProperty({ type: [RoomOfferViewDto] }) offers!: RoomOfferViewDto[];
  @ApiProperty({ description: 'Whether the caller accepted the NDA (messages and documents need it)' }) ndaAccepted!: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closedAt!: string | null;
  @ApiProperty({ type: RoomDealDto, nullable: true, description: 'The market deal that closed the room, if one did' }) deal!: RoomDealDto | null;
}

export class RoomListDto {
  @ApiProperty({ type: [RoomSummaryDto] }) items!: RoomSummaryDto[];
}

export class RoomMessageDto {
  @ApiProperty() seq!: number;
  @ApiProperty({ format: 'uuid' }) authorId!: string;
  @ApiProperty() authorName!: string;
  @ApiProperty() body!: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
}

export class RoomMessageListDto {
  @ApiProperty({ type: [RoomMessageDto] }) items!: RoomMessageDto[];
  @ApiProperty({ description: 'Pass as ?since= next time' }) cursor!: number;
}

export class RoomDocumentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() contentType!: string;
  @ApiProperty() size!: number;
  @ApiProperty() uploadedByName!: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
}

export class RoomDocumentListDto {
  @ApiProperty({ type: [RoomDocumentDto] }) items!: RoomDocumentDto[];
}

export class RoomDocumentContentDto extends RoomDocumentDto {
  @ApiProperty() contentBase64!: string;
}
