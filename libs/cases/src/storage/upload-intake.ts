import { AppConfig } from '@app/config';
import { DomainError, type FieldViolation } from '@app/domain';
import { Inject, Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { EVIDENCE_SCANNER, type EvidenceScanner } from './evidence-scanner';
import { FileStorage, FileTooLargeError, type StoredFile } from './file-storage';

export interface UploadedFile {
  fileName: string;
  contentType: string;
  stream: Readable;
}

// eslint-disable-next-line no-control-regex
const BAD_NAME = /[\u0000-\u001f\u007f/\\:*?"<>|]/;
const CONTENT_TYPE = /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/i;

/**
 * Taking in an uploaded file, the same for evidence and for every other attachment: its name and type checked
 * before a byte is read (EVIDENCE_EXTENSIONS), streamed to storage with its sha256 under EVIDENCE_MAX_BYTES (413
 * beyond), scanned (400 when not clean), and removed again unless the row that records it commits.
 */
@Injectable()
export class UploadIntake {
  constructor(
    private readonly storage: FileStorage,
    private readonly config: AppConfig,
    @Inject(EVIDENCE_SCANNER) private readonly scanner: EvidenceScanner,
  ) {}

  /** The file name, normalised, or null with the reasons pushed to `v` (field `file`). */
  checkName(fileName: string, contentType: string, v: FieldViolation[]): string | null {
    const name = fileName.normalize('NFC').trim();
    const ext = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1).toLowerCase() : '';
    const before = v.length;
    if (!name || name.length > 255 || BAD_NAME.test(name) || name.includes('..') || name.startsWith('.')) {
      v.push({
        field: 'file',
        code: 'FILE_NAME',
        message: 'The file name may not contain path separators, "..", or control characters',
        messageZh: '文件名不能包含路径分隔符、“..”或控制字符',
      });
    } else if (!this.config.EVIDENCE_EXTENSIONS.includes(ext)) {
      v.push({
        field: 'file',
        code: 'FILE_TYPE',
        message: `Files of type .${ext || '(none)'} are not accepted (allowed: ${this.config.EVIDENCE_EXTENSIONS.join(', ')})`,
        messageZh: `不接受 .${ext || '(无扩展名)'} 类型的文件`,
      });
    }
    if (!CONTENT_TYPE.test(contentType))
      v.push({
        field: 'file',
        code: 'CONTENT_TYPE',
        message: 'Unknown content type',
        messageZh: '文件类型无法识别',
      });
    return v.length === before ? name : null;
  }

  /**
   * Stores and scans the file, then runs `record` (which writes the row recording it, in its own transaction);
   * the stored file is removed when the scan or `record` fails.
   */
  async store<T>(
    file: UploadedFile,
    fileName: string,
    record: (stored: StoredFile, scanEngine: string) => Promise<T>,
  ): Promise<T> {
    let stored: StoredFile;
    try {
      stored = await this.storage.put(file.stream, this.config.EVIDENCE_MAX_BYTES);
    } catch (e) {
      if (e instanceof FileTooLargeError) {
        throw new DomainError(
          'PAYLOAD_TOO_LARGE',
          `文件超过 ${Math.floor(e.maxBytes / 1048576)} MiB 上限 / The file is larger than ${e.maxBytes} bytes`,
          { maxBytes: e.maxBytes },
        );
      }
      throw e;
    }
    try {
      const scan = await this.scanner.scan(this.storage.pathFor(stored.key), {
        fileName,
        contentType: file.contentType,
        size: stored.size,
      });
      if (!scan.clean) {
        throw new DomainError(
          'VALIDATION_FAILED',
          `文件未通过病毒扫描（${scan.threat ?? '可疑'}）/ The file failed the virus scan`,
          {
            errors: [
              {
                field: 'file',
                code: 'INFECTED',
                message: `Virus scan: ${scan.threat ?? 'suspicious'}`,
                messageZh: `病毒扫描：${scan.threat ?? '可疑文件'}`,
              },
            ],
          },
        );
      }
      return await record(stored, scan.engine);
    } catch (e) {
      await this.storage.remove(stored.key);
      throw e;
    }
  }
}
