import { AppConfig } from '@app/config';
import { DomainError } from '@app/domain';
import { Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, type ReadStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { isAbsolute, join, resolve, sep } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** Keys the storage hands out: `<yyyy>/<mm>/<uuid>` — nothing a caller can steer outside the root. */
const KEY = /^\d{4}\/\d{2}\/[0-9a-f-]{36}$/;

export interface StoredFile {
  key: string;
  sha256: string;
  size: number;
}

/** Thrown when a stream is longer than allowed; the partial file is removed. */
export class FileTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`File is larger than ${maxBytes} bytes`);
  }
}

/**
 * Files on local disk under STORAGE_ROOT (evidence, generated documents). Writes stream to a temporary file while
 * hashing (sha256) and counting, then rename into place, so a reader never sees half a file and an interrupted
 * upload leaves no file behind. Keys are generated here; reads refuse anything that is not such a key.
 */
@Injectable()
export class FileStorage {
  readonly root: string;

  constructor(config: AppConfig) {
    this.root = resolve(config.STORAGE_ROOT);
  }

  async put(source: Readable, maxBytes: number): Promise<StoredFile> {
    const now = new Date();
    const key = `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}/${randomUUID()}`;
    const tmpDir = join(this.root, 'tmp');
    await mkdir(tmpDir, { recursive: true });
    const tmp = join(tmpDir, `${randomUUID()}.part`);
    const hash = createHash('sha256');
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        if (size > maxBytes) return done(new FileTooLargeError(maxBytes));
        hash.update(chunk);
        done(null, chunk);
      },
    });
    try {
      await pipeline(source, meter, createWriteStream(tmp, { flags: 'wx' }));
      const target = this.pathFor(key);
      await mkdir(join(target, '..'), { recursive: true });
      await rename(tmp, target);
    } catch (e) {
      await rm(tmp, { force: true });
      throw e;
    }
    return { key, sha256: hash.digest('hex'), size };
  }

  putBuffer(buffer: Buffer): Promise<StoredFile> {
    return this.put(Readable.from([buffer]), buffer.length);
  }

  async open(key: string): Promise<{ stream: ReadStream; size: number }> {
    const path = this.pathFor(key);
    const s = await stat(path).catch(() => null);
    if (!s?.isFile()) throw new DomainError('NOT_FOUND', 'The stored file is missing', { key });
    return { stream: createReadStream(path), size: s.size };
  }

  /** Recomputes a stored file's sha256 (integrity check). */
  async sha256Of(key: string): Promise<string> {
    const { stream } = await this.open(key);
    const hash = createHash('sha256');
    for await (const chunk of stream) hash.update(chunk as Buffer);
    return hash.digest('hex');
  }

  async remove(key: string): Promise<void> {
    await rm(this.pathFor(key), { force: true });
  }

  pathFor(key: string): string {
    if (!KEY.test(key) || isAbsolute(key)) {
      throw new DomainError('VALIDATION_FAILED', 'Not a storage key', { key });
    }
    const path = resolve(this.root, key);
    if (!path.startsWith(this.root + sep)) throw new DomainError('VALIDATION_FAILED', 'Not a storage key');
    return path;
  }
}
