import { Module } from '@nestjs/common';
import { FileStore } from './file-store';

/** Content-addressed file storage for any context's uploads. */
@Module({ providers: [FileStore], exports: [FileStore] })
export class FilesModule {}
