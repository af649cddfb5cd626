import { Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Req, Res, StreamableFile, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Problems, Public, RequirePermission, type AuthUser } from '@ttx/api/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { OptionalAuthGuard } from '../achievements/optional-auth.guard';
import { AchievementAttachmentDto } from '../dto/achievement.dto';
import { AttachmentsService, type Upload } from './attachments.service';
import { contentDisposition } from './content-disposition';

const uuid = new ParseUUIDPipe({ version: '4', errorHttpStatusCode: 404 });

type MultipartRequest = FastifyRequest & { isMultipart(): boolean; file(): Promise<Upload | undefined> };

@ApiTags('catalog')
@ApiBearerAuth()
@Controller('achievements/:id/attachments')
export class AttachmentsController {
  constructor(private readonly attachments: AttachmentsService) {}

  @Post()
  @RequirePermission('achievement:write')
  @ApiOperation({ summary: 'Upload an attachment (owner writers); the same content again returns the existing one (200)' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiCreatedResponse({ type: AchievementAttachmentDto })
  @ApiOkResponse({ type: AchievementAttachmentDto, description: 'This content was attached already' })
  async uploadAttachment(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) id: string,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AchievementAttachmentDto> {
    const mp = req as MultipartRequest;
    if (!mp.isMultipart()) throw Problems.badRequest('Send the file as multipart/form-data field "file"', [{ field: 'file', message: 'required' }]);
    const result = await this.attachments.upload(user, id, await mp.file());
    reply.status(result.created ? 201 : 200);
    return result.attachment;
  }

  @Get(':attachmentId')
  @Public()
  @UseGuards(OptionalAuthGuard)
  @ApiOperation({ summary: 'Download an attachment (whoever sees the confidential part; 404 for others)' })
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  async downloadAttachment(
    @CurrentUser() user: AuthUser | null,
    @Param('id', uuid) id: string,
    @Param('attachmentId', uuid) attachmentId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const { attachment, stream } = await this.attachments.download(user ?? null, id, attachmentId);
    // Served as stored (sniffed) type; browsers must not second-guess it.
    reply.header('X-Content-Type-Options', 'nosniff');
    return new StreamableFile(stream, { type: attachment.mimeType, length: attachment.sizeBytes, disposition: contentDisposition(attachment.name) });
  }

  @Delete(':attachmentId')
  @HttpCode(204)
  @RequirePermission('achievement:write')
  @ApiNoContentResponse({ description: 'Removed from the achievement' })
  async deleteAttachment(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Param('attachmentId', uuid) attachmentId: string): Promise<void> {
    await this.attachments.remove(user, id, attachmentId);
  }
}
