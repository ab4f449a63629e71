import { CurrentUser, Public, Roles } from '@app/auth';
import type { Actor } from '@app/contracts';
import { ComplaintDuplicateFinder, ComplaintService } from '@app/intake';
import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res, UseGuards } from '@nestjs/common';
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
  ComplaintActionDto,
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
  @ApiOkResponse({ type: ComplaintResponseDto })
  act(
    @CurrentUser() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Param('action') action: string,
    @Body() dto: ComplaintActionDto,
  ): Promise<ComplaintResponseDto> {
    return this.complaints.act(actor, id, action, dto);
  }

  @Get(':id')
  @ApiOkResponse({ type: ComplaintResponseDto })
  get(@CurrentUser() actor: Actor, @Param('id', UuidParam) id: string): Promise<ComplaintResponseDto> {
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
