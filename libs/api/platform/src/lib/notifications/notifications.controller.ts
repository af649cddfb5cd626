import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { CurrentUser, PageQueryDto, RequirePermission, type AuthUser } from '@ttx/api/core';
import { NotificationsService } from './notifications.service';

/** Named apart from the catalog's input LocalizedTextDto: one OpenAPI schema name per shape (the last one registered wins). */
class NotificationTextDto {
  @ApiProperty() zh!: string;
  @ApiProperty() en!: string;
}

export class NotificationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() kind!: string;
  @ApiProperty({ type: NotificationTextDto }) title!: NotificationTextDto;
  @ApiProperty({ type: NotificationTextDto }) body!: NotificationTextDto;
  @ApiProperty({ nullable: true, type: String }) link!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) readAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class NotificationPageDto {
  @ApiProperty({ type: [NotificationDto] }) items!: NotificationDto[];
  @ApiProperty() total!: number;
  @ApiProperty() unread!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @RequirePermission('notification:read')
  @ApiOkResponse({ type: NotificationPageDto })
  listNotifications(@CurrentUser() user: AuthUser, @Query() q: PageQueryDto): Promise<NotificationPageDto> {
    return this.notifications.list(user.id, q.page, q.pageSize);
  }

  @Post(':id/read')
  @HttpCode(204)
  @RequirePermission('notification:read')
  @ApiNoContentResponse()
  async markNotificationRead(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseUUIDPipe({ errorHttpStatusCode: 404 })) id: string,
  ): Promise<void> {
    await this.notifications.markRead(user.id, id);
  }
}
