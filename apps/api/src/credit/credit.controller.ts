import { CurrentUser, Roles } from '@app/auth';
import {
  CreditAttachmentService,
  CreditListingService,
  DecisionPublicationService,
  NOTICE_METHODS,
} from '@app/credit';
import type { Actor } from '@app/contracts';
import {
  DEFENCE_WINDOW_RULE,
  LISTING_ACTIONS,
  LISTING_GROUNDS,
  LISTING_REGIMES,
  LISTING_STATES,
  LISTING_SUBJECT_KINDS,
  LISTING_TRANSITIONS,
  REPAIR_CONDITIONS,
  REPAIR_MATERIALS,
} from '@app/domain';
import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { sendStoredFile, withUploadedFile } from '../http/multipart';
import { UuidParam } from '../http/uuid-param';
import {
  CreditCatalogDto,
  ListingActionDto,
  ListingAttachmentDto,
  ListingDetailDto,
  ListingPageDto,
  ListingQueryDto,
  ProposeListingDto,
  PublicationActionDto,
  PublicationDto,
  PublicationPageDto,
  PublicationQueryDto,
  RepairApplicationDto,
} from './dto/credit.dto';

/** 信用公示: credit listings for officers and supervisors (issue 7). */
@ApiTags('credit')
@ApiBearerAuth()
@Roles('officer', 'supervisor', 'admin')
@Controller('credit')
export class CreditController {
  constructor(
    private readonly listings: CreditListingService,
    private readonly publications: DecisionPublicationService,
    private readonly attachments: CreditAttachmentService,
  ) {}

  @Get('catalog')
  @ApiOperation({
    summary: 'Grounds with their sources, regimes and periods, states, the step table, repair rules',
  })
  @ApiOkResponse({ type: CreditCatalogDto })
  catalog(): CreditCatalogDto {
    const pick = (l: readonly { code: string; zh: string; en: string }[]) =>
      l.map(({ code, zh, en }) => ({ code, zh, en }));
    return {
      grounds: LISTING_GROUNDS.map((g) => ({
        code: g.code,
        zh: g.zh,
        en: g.en,
        regime: g.regime,
        source: { ...g.source },
        automatic: g.qualifies !== null,
        when: { ...g.when },
      })),
      regimes: LISTING_REGIMES.map((r) => ({
        ...r,
        period: { ...r.period },
        repairAfter: { ...r.repairAfter },
      })),
      states: LISTING_STATES.map((s) => ({ ...s })),
      actions: [
        ...pick(LISTING_ACTIONS),
        { code: 'apply_repair', zh: '申请信用修复', en: 'Credit repair applied for' },
      ],
      transitions: LISTING_TRANSITIONS.map((t) => ({
        ...t,
        from: [...t.from],
        roles: [...t.roles],
        requires: [...t.requires],
      })),
      defenceWindow: { ...DEFENCE_WINDOW_RULE, source: { ...DEFENCE_WINDOW_RULE.source } },
      repairConditions: pick(REPAIR_CONDITIONS),
      repairMaterials: pick(REPAIR_MATERIALS),
      noticeMethods: NOTICE_METHODS.map((m) => ({ ...m })),
      subjectKinds: pick(LISTING_SUBJECT_KINDS),
    };
  }

  @Get('listings')
  @ApiOperation({ summary: "The office's listings by work queue, with the count of every queue" })
  @ApiOkResponse({ type: ListingPageDto })
  list(@CurrentUser() actor: Actor, @Query() q: ListingQueryDto): Promise<ListingPageDto> {
    return this.listings.list(actor, q);
  }

  @Post('listings')
  @Roles('officer', 'supervisor')
  @ApiOperation({ summary: 'Propose a listing by hand, with the ground and its legal basis' })
  @ApiCreatedResponse({ type: ListingDetailDto })
  propose(@CurrentUser() actor: Actor, @Body() dto: ProposeListingDto): Promise<ListingDetailDto> {
    return this.listings.propose(actor, dto);
  }

  @Get('listings/:id')
  @ApiOkResponse({ type: ListingDetailDto })
  get(@CurrentUser() actor: Actor, @Param('id', UuidParam) id: string): Promise<ListingDetailDto> {
    return this.listings.get(actor, id);
  }

  @Post('listings/:id/actions/:action')
  @HttpCode(200)
  @Roles('officer', 'supervisor')
  @ApiOperation({
    summary:
      'A step of the listing (table in libs/domain/src/credit/workflow.ts); 409 on a stale version or wrong state',
  })
  @ApiOkResponse({ type: ListingDetailDto })
  act(
    @CurrentUser() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Param('action') action: string,
    @Body() dto: ListingActionDto,
  ): Promise<ListingDetailDto> {
    return this.listings.act(actor, id, action, dto);
  }

  @Post('listings/:id/repairs')
  @HttpCode(200)
  @Roles('officer', 'supervisor')
  @ApiOperation({
    summary: 'Record a credit-repair application (early removal); a head then approves or refuses it',
  })
  @ApiOkResponse({ type: ListingDetailDto })
  repair(
    @CurrentUser() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: RepairApplicationDto,
  ): Promise<ListingDetailDto> {
    return this.listings.applyRepair(actor, id, dto);
  }

  @Get('publications')
  @ApiOperation({ summary: "Decisions to publish or published by the reader's offices, most urgent first" })
  @ApiOkResponse({ type: PublicationPageDto })
  publicationsList(
    @CurrentUser() actor: Actor,
    @Query() q: PublicationQueryDto,
  ): Promise<PublicationPageDto> {
    return this.publications.list(actor, q);
  }

  @Get('publications/:id')
  @ApiOkResponse({ type: PublicationDto })
  publication(@CurrentUser() actor: Actor, @Param('id', UuidParam) id: string): Promise<PublicationDto> {
    return this.publications.get(actor, id);
  }

  @Post('publications/:id/actions/:action')
  @HttpCode(200)
  @Roles('officer', 'supervisor')
  @ApiOperation({
    summary:
      'publish, decision_changed (starts the 3-working-day take-down clock), withdraw, or stop early (a head)',
  })
  @ApiOkResponse({ type: PublicationDto })
  publicationAct(
    @CurrentUser() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Param('action') action: string,
    @Body() dto: PublicationActionDto,
  ): Promise<PublicationDto> {
    return this.publications.act(actor, id, action, dto);
  }

  @Post('listings/:id/attachments')
  @Roles('officer', 'supervisor')
  @ApiOperation({
    summary:
      "Add a paper: the statement's (kind statement) or a repair material (application, identity, pledge, compliance); multipart, `kind` then one `file`",
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['kind', 'file'],
      properties: {
        kind: { type: 'string', example: 'statement' },
        file: { type: 'string', format: 'binary' },
      },
    },
  })
  @ApiCreatedResponse({ type: ListingAttachmentDto })
  async attach(
    @CurrentUser() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Req() req: FastifyRequest,
  ): Promise<ListingAttachmentDto> {
    return withUploadedFile(req, ['kind'], (fields, file) =>
      this.attachments.upload(actor, id, fields.kind ?? '', file),
    );
  }

  @Get('listings/:id/attachments/:attachmentId/content')
  @ApiOkResponse({ description: 'the file', schema: { type: 'string', format: 'binary' } })
  async download(
    @CurrentUser() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Param('attachmentId', UuidParam) attachmentId: string,
    @Res({ passthrough: false }) reply: FastifyReply,
  ): Promise<FastifyReply> {
    return sendStoredFile(reply, await this.attachments.download(actor, id, attachmentId));
  }
}
