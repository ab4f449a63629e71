import { CurrentUser, Roles } from '@app/auth';
import type { Actor } from '@app/contracts';
import { DomainError } from '@app/domain';
import {
  COMPLAINT_IMPORT_LIMITS,
  ComplaintImportService,
  complaintImportTemplate,
  type ComplaintImportFile,
} from '@app/intake';
import { Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { contentDisposition } from '../http/content-disposition';
import { ComplaintImportReportDto } from './dto/complaint-import.dto';

const MAX_MIB = COMPLAINT_IMPORT_LIMITS.maxBytes / 1048576;

const invalid = (field: string, message: string, messageZh: string, code = 'INVALID') =>
  new DomainError('VALIDATION_FAILED', `${messageZh} / ${message}`, {
    errors: [{ field, code, message, messageZh }],
  });

/** `dryRun` as a form sends it. */
function flag(value: string | undefined): boolean {
  const v = (value ?? '').trim().toLowerCase();
  if (['', 'false', '0', 'no', 'off'].includes(v)) return false;
  if (['true', '1', 'yes', 'on'].includes(v)) return true;
  throw invalid('dryRun', 'dryRun is true or false', 'dryRun 应为 true 或 false');
}

/** Reads the file part into memory, refusing more than the import limit (the rest is drained, not kept). */
async function readCapped(stream: Readable & { truncated?: boolean }): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  let over = false;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > COMPLAINT_IMPORT_LIMITS.maxBytes) over = true;
    else chunks.push(chunk as Buffer);
  }
  if (over || stream.truncated) {
    throw new DomainError(
      'PAYLOAD_TOO_LARGE',
      `导入文件超过 ${MAX_MIB} MB 上限 / The file is larger than ${MAX_MIB} MiB`,
      { maxBytes: COMPLAINT_IMPORT_LIMITS.maxBytes },
    );
  }
  return Buffer.concat(chunks);
}

/** 批量导入: complaints from another hotline system's CSV / XLSX export. */
@ApiTags('complaints')
@ApiBearerAuth()
@Roles('operator', 'officer', 'supervisor')
@Controller('complaints/import')
export class ComplaintImportController {
  constructor(private readonly imports: ComplaintImportService) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Import complaints from a CSV/XLSX export (multipart: sourceSystem, dryRun, file). Each row is its own ' +
      'transaction; the report lists imported, skipped (imported before) and rejected rows with field errors',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['sourceSystem', 'file'],
      properties: {
        sourceSystem: {
          type: 'string',
          example: 'zj12345',
          description: "the other system's name: 1–50 letters, digits, _ . - or Chinese",
        },
        dryRun: { type: 'boolean', description: 'validate and route every row, write nothing' },
        file: {
          type: 'string',
          format: 'binary',
          description: `.csv (UTF-8 or GBK) or .xlsx, at most ${MAX_MIB} MB and ${COMPLAINT_IMPORT_LIMITS.maxRows} rows`,
        },
      },
    },
  })
  @ApiOkResponse({ type: ComplaintImportReportDto })
  async import(@CurrentUser() actor: Actor, @Req() req: FastifyRequest): Promise<ComplaintImportReportDto> {
    if (!req.isMultipart()) {
      throw invalid('file', 'Send multipart/form-data', '请以 multipart/form-data 上传导入文件');
    }
    const fields: Record<string, string> = {};
    let file: ComplaintImportFile | null = null;
    // Fields may come before or after the file: the file (at most 10 MB) is read into memory first.
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        try {
          if (part.fieldname !== 'file' || file) continue;
          file = { filename: part.filename, buffer: await readCapped(part.file) };
        } finally {
          part.file.resume();
        }
      } else if (part.fieldname === 'sourceSystem' || part.fieldname === 'dryRun') {
        fields[part.fieldname] = String(part.value);
      }
    }
    if (!file) {
      throw invalid('file', 'Attach the file as the `file` part', '请选择要导入的文件', 'REQUIRED');
    }
    return this.imports.import(actor, file, {
      sourceSystem: fields.sourceSystem ?? '',
      dryRun: flag(fields.dryRun),
    });
  }

  @Get('template')
  @ApiOperation({ summary: 'The CSV template: the Chinese header row and one example row (UTF-8 with BOM)' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'the template', schema: { type: 'string', format: 'binary' } })
  template(@Res({ passthrough: false }) reply: FastifyReply): FastifyReply {
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', contentDisposition('投诉批量导入模板.csv'))
      .header('cache-control', 'no-cache')
      .send(complaintImportTemplate());
  }
}
