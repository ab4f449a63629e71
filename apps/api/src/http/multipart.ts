import type { UploadedFile } from '@app/cases';
import { DomainError } from '@app/domain';
import { unacceptableInput } from '@app/observability';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { contentDisposition } from './content-disposition';

/**
 * Reads a multipart upload of named fields followed by one `file` part, and hands both to `handle` while the file
 * streams (nothing is buffered). Fields other than `fieldNames` are ignored; a request that is not multipart, or
 * has no file part, is a 400. What a rejected upload left unread is drained.
 */
export async function withUploadedFile<T>(
  req: FastifyRequest,
  fieldNames: readonly string[],
  handle: (fields: Record<string, string>, file: UploadedFile) => Promise<T>,
): Promise<T> {
  if (!req.isMultipart()) {
    throw new DomainError(
      'VALIDATION_FAILED',
      '请以 multipart/form-data 上传文件 / Send multipart/form-data',
    );
  }
  const fields: Record<string, string> = {};
  for await (const part of req.parts()) {
    if (part.type === 'file') {
      try {
        // The JSON bodies' rule (validation pipe) for the text fields too: U+0000 cannot be stored (it was a 500).
        const bad = unacceptableInput(fields);
        if (bad) throw new DomainError('VALIDATION_FAILED', bad.message, { errors: [bad] });
        return await handle(fields, {
          fileName: part.filename,
          contentType: part.mimetype,
          stream: part.file,
        });
      } finally {
        part.file.resume();
      }
    }
    if (fieldNames.includes(part.fieldname)) fields[part.fieldname] = String(part.value);
  }
  throw new DomainError('VALIDATION_FAILED', '缺少文件 / The `file` part is missing', {
    errors: [
      { field: 'file', code: 'REQUIRED', message: 'Attach the file', messageZh: '请选择要上传的文件' },
    ],
  });
}

/** Sends a stored file for download: its type, length, name, sha256; never sniffed or cached. */
export function sendStoredFile(
  reply: FastifyReply,
  file: {
    stream: NodeJS.ReadableStream;
    size: number;
    view: { contentType: string; fileName: string; sha256: string };
  },
): FastifyReply {
  return reply
    .header('content-type', file.view.contentType)
    .header('content-length', String(file.size))
    .header('content-disposition', contentDisposition(file.view.fileName))
    .header('x-content-sha256', file.view.sha256)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .send(file.stream);
}
