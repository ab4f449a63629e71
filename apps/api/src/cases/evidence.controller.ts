import { CurrentUser, Roles } from '@app/auth';
import { EvidenceService } from '@app/cases';
import type { Actor } from '@app/contracts';
import { Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { withUploadedFile, sendStoredFile } from '../http/multipart';
import { UuidParam } from '../http/uuid-param';
import { EvidenceDto, EvidenceVerifyDto } from './dto/case-response.dto';

const FIELDS = ['kind', 'title', 'description', 'collectedBy', 'collectedAt', 'collectedPlace'] as const;

/** Evidence of a case: upload (multipart, fields before the file), list, download and integrity check. */
@ApiTags('cases')
@ApiBearerAuth()
@Roles('officer', 'supervisor', 'admin')
@Controller('cases/:id/evidence')
export class EvidenceController {
  constructor(private readonly evidence: EvidenceService) {}

  @Get()
  @ApiOkResponse({ type: [EvidenceDto] })
  list(@CurrentUser() actor: Actor, @Param('id', UuidParam) id: string): Promise<EvidenceDto[]> {
    return this.evidence.list(actor, id);
  }

  @Post()
  @Roles('officer', 'supervisor')
  @ApiOperation({
    summary:
      'Upload evidence: multipart/form-data with the fields first and one `file` part last; sha256 recorded',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['kind', 'title', 'collectedBy', 'collectedAt', 'file'],
      properties: {
        kind: { type: 'string', example: 'photo' },
        title: { type: 'string' },
        description: { type: 'string' },
        collectedBy: { type: 'string' },
        collectedAt: { type: 'string', format: 'date-time' },
        collectedPlace: { type: 'string' },
        file: { type: 'string', format: 'binary' },
      },
    },
  })
  @ApiCreatedResponse({ type: EvidenceDto })
  async upload(
    @CurrentUser() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Req() req: FastifyRequest,
  ): Promise<EvidenceDto> {
    return withUploadedFile(req, FIELDS, (fields, file) => this.evidence.upload(actor, id, fields, file));
  }

  @Get(':evidenceId/content')
  @ApiOkResponse({ description: 'the file', schema: { type: 'string', format: 'binary' } })
  async download(
    @CurrentUser() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Param('evidenceId', UuidParam) evidenceId: string,
    @Res({ passthrough: false }) reply: FastifyReply,
  ): Promise<FastifyReply> {
    return sendStoredFile(reply, await this.evidence.download(actor, id, evidenceId));
  }

  @Post(':evidenceId/verify')
  @HttpCode(200)
  @ApiOperation({ summary: "Recompute the stored file's sha256 and compare (recorded in the audit log)" })
  @ApiOkResponse({ type: EvidenceVerifyDto })
  verify(
    @CurrentUser() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Param('evidenceId', UuidParam) evidenceId: string,
  ): Promise<EvidenceVerifyDto> {
    return this.evidence.verify(actor, id, evidenceId);
  }
}
