import { CurrentUser, Public, Roles } from '@app/auth';
import type { Actor } from '@app/contracts';
import {
  ACCEPTANCE_RULES,
  COMPLAINT_ACTIONS,
  COMPLAINT_CATEGORIES,
  COMPLAINT_CHANNELS,
  COMPLAINT_STATES,
  COMPLAINT_TRANSITIONS,
  NOTICE_CHANNELS,
  REFUSAL_GROUNDS,
  SATISFACTION_SCALE,
} from '@app/domain';
import {
  ComplaintDuplicateFinder,
  ComplaintFollowUpService,
  ComplaintPersonalDataService,
  ComplaintService,
} from '@app/intake';
import {
  Body,
  Controller,
  Get,
  Header,
  Headers,
  HttpCode,
  Param,
  Post,
  Query,
  Res,
  UseGuards,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { SkipThrottle, ThrottlerGuard } from '@nestjs/throttler';
import type { FastifyReply } from 'fastify';
import { UuidParam } from '../http/uuid-param';
import {
  CallbackDto,
  ComplainantPersonalDataDto,
  ComplaintActionDto,
  ComplaintCatalogDto,
  ComplaintDetailDto,
  ComplaintNoticeDto,
  ConvertComplaintDto,
  MergeComplaintsDto,
  ComplaintDto,
  ComplaintPageDto,
  ComplaintResponseDto,
  DuplicateHitDto,
  DuplicateQueryDto,
  ListComplaintsQueryDto,
  OfficeSuggestionDto,
  PublicComplaintDto,
  PublicComplaintResponseDto,
  SuggestOfficeQueryDto,
  TrackQueryDto,
} from './dto/complaint.dto';

/** 投诉登记: the 12330 operator console's API. */
@ApiTags('complaints')
@ApiBearerAuth()
@Roles('operator', 'officer', 'supervisor', 'admin')
@Controller('complaints')
export class ComplaintsController {
  constructor(
    private readonly complaints: ComplaintService,
    private readonly duplicateFinder: ComplaintDuplicateFinder,
    private readonly followUp: ComplaintFollowUpService,
    private readonly personalData: ComplaintPersonalDataService,
  ) {}

  @Get()
  @ApiOkResponse({ type: ComplaintPageDto })
  list(@CurrentUser() actor: Actor, @Query() q: ListComplaintsQueryDto): Promise<ComplaintPageDto> {
    return this.complaints.list(actor, q);
  }

  @Post()
  @Roles('operator', 'officer', 'supervisor')
  @ApiOperation({ summary: 'Record a complaint; the response carries the tracking number to read out' })
  @ApiCreatedResponse({ type: ComplaintResponseDto })
  register(@CurrentUser() actor: Actor, @Body() dto: ComplaintDto): Promise<ComplaintResponseDto> {
    return this.complaints.register(actor, dto);
  }

  @Get('duplicates')
  @ApiOperation({
    summary: 'Possible duplicates while typing: credit code, right number, phone (90 days), similar names',
  })
  @ApiOkResponse({ type: [DuplicateHitDto] })
  duplicates(@CurrentUser() actor: Actor, @Query() q: DuplicateQueryDto): Promise<DuplicateHitDto[]> {
    return this.duplicateFinder.find(actor, q);
  }

  @Get('catalog')
  @ApiOperation({
    summary: 'Channels, categories, states, refusal grounds, the transition table and deadline rules',
  })
  @ApiOkResponse({ type: ComplaintCatalogDto })
  catalog(): ComplaintCatalogDto {
    const pick = (l: readonly { code: string; zh: string; en: string }[]) =>
      l.map(({ code, zh, en }) => ({ code, zh, en }));
    return {
      channels: pick(COMPLAINT_CHANNELS),
      categories: COMPLAINT_CATEGORIES.map((c) => ({ ...c })),
      states: COMPLAINT_STATES.map((s) => ({ ...s })),
      actions: pick(COMPLAINT_ACTIONS),
      refusalGrounds: pick(REFUSAL_GROUNDS),
      noticeChannels: pick(NOTICE_CHANNELS),
      satisfaction: SATISFACTION_SCALE.map((s) => ({ ...s })),
      transitions: COMPLAINT_TRANSITIONS.map((t) => ({
        action: t.action,
        from: [...t.from],
        to: t.to,
        roles: [...t.roles],
        requires: [...t.requires],
        categories: t.categories ? [...t.categories] : null,
        dedicated: t.dedicated ?? false,
      })),
      acceptanceRules: ACCEPTANCE_RULES.map((r) => ({
        code: r.id,
        zh: r.zh,
        en: r.en,
        categories: r.when.categories ? [...r.when.categories] : null,
        ipTypes: r.when.ipTypes ? [...r.when.ipTypes] : null,
        channels: r.when.channels ? [...r.when.channels] : null,
        amount: r.amount,
        unit: r.unit,
        source: `${r.source.law} ${r.source.article}`,
      })),
    };
  }

  @Get('suggested-office')
  @ApiOperation({ summary: 'The competent office for an IP type and region (routing suggestion)' })
  @ApiOkResponse({ type: OfficeSuggestionDto })
  async suggest(@Query() q: SuggestOfficeQueryDto): Promise<OfficeSuggestionDto> {
    return (
      (await this.complaints.suggestOffice(q.ipType ?? null, q.regionCode ?? null)) ?? {
        id: null,
        name: null,
      }
    );
  }

  @Post(':id/actions/:action')
  @HttpCode(200)
  @Roles('operator', 'officer', 'supervisor')
  @ApiOperation({
    summary: 'triage, transfer, accept, refuse, answer or close; 409 on a stale version or wrong state',
  })
  @ApiOkResponse({ type: ComplaintDetailDto })
  act(
    @CurrentUser() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Param('action') action: string,
    @Body() dto: ComplaintActionDto,
  ): Promise<ComplaintDetailDto> {
    return this.complaints.act(actor, id, action, dto);
  }

  @Post(':id/convert')
  @HttpCode(200)
  @Roles('officer', 'supervisor')
  @ApiOperation({
    summary: 'File an accepted complaint as a case of the chosen procedure (linked both ways)',
  })
  @ApiOkResponse({ type: ComplaintDetailDto })
  convert(
    @CurrentUser() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: ConvertComplaintDto,
  ): Promise<ComplaintDetailDto> {
    return this.followUp.convert(actor, id, dto);
  }

  @Post(':id/merge')
  @HttpCode(200)
  @Roles('operator', 'officer', 'supervisor')
  @ApiOperation({ summary: 'Merge duplicates into this complaint; every complainant is kept and told' })
  @ApiOkResponse({ type: ComplaintDetailDto })
  merge(
    @CurrentUser() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: MergeComplaintsDto,
  ): Promise<ComplaintDetailDto> {
    return this.followUp.merge(actor, id, dto);
  }

  @Post(':id/callback')
  @HttpCode(200)
  @Roles('operator', 'officer', 'supervisor')
  @ApiOperation({
    summary: 'Record the callback (回访) of a closed complaint: satisfaction 1–5, or an unanswered call',
  })
  @ApiOkResponse({ type: ComplaintDetailDto })
  callback(
    @CurrentUser() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: CallbackDto,
  ): Promise<ComplaintDetailDto> {
    return this.followUp.callback(actor, id, dto);
  }

  @Post(':id/notice')
  @HttpCode(200)
  @Roles('operator', 'officer', 'supervisor')
  @ApiOperation({
    summary: 'Record how the complainant was told the outcome when no SMS or e-mail could be sent',
  })
  @ApiOkResponse({ type: ComplaintDetailDto })
  notice(
    @CurrentUser() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: ComplaintNoticeDto,
  ): Promise<ComplaintDetailDto> {
    return this.followUp.recordNotice(actor, id, dto);
  }

  @Get(':id/personal-data')
  @Roles('operator', 'officer')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary:
      "The complainant's phone, ID number and e-mail in full (views mask them); audited as personal_data.revealed",
    description:
      'Operators in scope (to call back) and officers of the handling office or who took it; 403 for supervisors ' +
      'and admins, and for a confidential complaint to anyone but its handling office and whoever took it.',
  })
  @ApiOkResponse({ type: ComplainantPersonalDataDto })
  revealPersonalData(
    @CurrentUser() actor: Actor,
    @Param('id', UuidParam) id: string,
  ): Promise<ComplainantPersonalDataDto> {
    return this.personalData.reveal(actor, id);
  }

  @Get(':id')
  @ApiOkResponse({ type: ComplaintDetailDto })
  get(@CurrentUser() actor: Actor, @Param('id', UuidParam) id: string): Promise<ComplaintDetailDto> {
    return this.complaints.get(actor, id);
  }
}

/** The public complaint form and tracking page (no login; rate-limited per client IP). */
@ApiTags('public')
@Public()
@UseGuards(ThrottlerGuard)
@SkipThrottle({ default: true })
@Controller('public/complaints')
export class PublicComplaintsController {
  constructor(private readonly complaints: ComplaintService) {}

  @Post()
  @ApiOperation({ summary: 'Submit a complaint; the Idempotency-Key makes a double submit one complaint' })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: true,
    description: '8–100 characters, new for each complaint',
  })
  @ApiCreatedResponse({
    type: PublicComplaintResponseDto,
    description: '200 when the key was seen with the same body',
  })
  async submit(
    @Body() dto: PublicComplaintDto,
    @Headers('idempotency-key') key: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PublicComplaintResponseDto> {
    const { complaint, replayed } = await this.complaints.submitPublic({ ...dto, channel: 'web' }, key);
    reply.status(replayed ? 200 : 201);
    return complaint;
  }

  @Get(':trackingNo')
  @HttpCode(200)
  @ApiOperation({ summary: 'Track a complaint by its number and the last four digits of the phone given' })
  @ApiOkResponse({ type: PublicComplaintResponseDto })
  track(
    @Param('trackingNo') trackingNo: string,
    @Query() q: TrackQueryDto,
  ): Promise<PublicComplaintResponseDto> {
    return this.complaints.track(trackingNo, q.phoneLast4);
  }
}
