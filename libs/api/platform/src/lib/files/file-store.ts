import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, ProblemException, Problems, type AppConfig } from '@ttx/api/core';
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, type ReadStream } from 'node:fs';
import * as fs from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

const HEAD_BYTES = 4096;

const tooLarge = (maxBytes: number) =>
  new ProblemException(413, 'file-too-large', 'File too large', `The file is larger than ${Math.floor(maxBytes / (1024 * 1024))} MB`, [
    { field: 'file', message: `at most ${maxBytes} bytes` },
  ]);

export interface StoredFile {
  sha256: string;
  sizeBytes: number;
  /** The first bytes, for type sniffing. */
  head: Buffer;
}

/**
 * Content-addressed file storage on disk (`FILES_DIR`): a file lives at `<aa>/<sha256>`, so the same
 * content uploaded twice is stored once. Uploads stream through a hash into a temporary file and are
 * renamed into place only when complete and within the size limit: a failed upload leaves nothing.
 */
@Injectable()
export class FileStore {
  private readonly root: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.root = resolve(config.FILES_DIR);
  }

  private pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
    return join(this.root, sha256.slice(0, 2), sha256);
  }

  /** Stores `input`; 413 (problem) when it is longer than `maxBytes`, 422 when it is empty. */
  async save(input: Readable, maxBytes: number): Promise<StoredFile> {
    await fs.mkdir(join(this.root, 'tmp'), { recursive: true });
    const tmp = join(this.root, 'tmp', randomUUID());
    const hash = createHash('sha256');
    const headParts: Buffer[] = [];
    let size = 0;
    let headSize = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        if (size > maxBytes) return done(tooLarge(maxBytes));
        if (headSize < HEAD_BYTES) {
          headParts.push(chunk.subarray(0, HEAD_BYTES - headSize));
          headSize += Math.min(chunk.length, HEAD_BYTES - headSize);
        }
        hash.update(chunk);
        done(null, chunk);
      },
    });
    try {
      await pipeline(input, meter, createWriteStream(tmp, { flags: 'wx' }));
      // The multipart parser ends a file at its own limit instead of failing: a cut file is refused too.
      if ((input as Readable & { truncated?: boolean }).truncated) throw tooLarge(maxBytes);
      if (size === 0) throw Problems.rule('file-empty', 'The file is empty', [{ field: 'file', message: 'empty' }]);
      const sha256 = hash.digest('hex');
      const target = this.pathOf(sha256);
      await fs.mkdir(join(this.root, sha256.slice(0, 2)), { recursive: true });
      await fs.rename(tmp, target); // same content → same path: replacing it is harmless
      return { sha256, sizeBytes: size, head: Buffer.concat(headParts) };
    } finally {
      await fs.rm(tmp, { force: true });
    }
  }

  /** A read stream of a stored file; 404 (problem) when it is missing on disk. */
  async open(sha256: string): Promise<ReadStream> {
    const path = this.pathOf(sha256);
    try {
      await fs.access(path);
    } catch {
      throw Problems.notFound('File');
    }
    return createReadStream(path);
  }
}
