import { CurrentUser, Public, Roles } from '@app/auth';
import type { Actor } from '@app/contracts';
import { PartnerService } from '@app/referrals';
import { Body, Controller, Get, Headers, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { UuidParam } from '../http/uuid-param';
import {
  CreatedPartnerDto,
  CreatePartnerDto,
  PartnerDto,
  PartnerReferralDto,
  PartnerReferralReceiptDto,
  SetPartnerActiveDto,
} from './dto/partner.dto';

/** Partner systems that send referrals in (administrators register them). */
@ApiTags('partners')
@ApiBearerAuth()
@Roles('admin')
@Controller('partners')
export class PartnersController {
  constructor(private readonly partners: PartnerService) {}

  @Get()
  @ApiOkResponse({ type: [PartnerDto] })
  list(): Promise<PartnerDto[]> {
    return this.partners.list();
  }

  @Post()
  @ApiOperation({ summary: 'Register a partner system; the response carries its signing secret, once' })
  @ApiCreatedResponse({ type: CreatedPartnerDto })
  create(@CurrentUser() actor: Actor, @Body() dto: CreatePartnerDto): Promise<CreatedPartnerDto> {
    return this.partners.create(actor, dto);
  }

  @Post(':id/active')
  @HttpCode(200)
  @ApiOkResponse({ type: PartnerDto })
  setActive(
    @CurrentUser() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: SetPartnerActiveDto,
  ): Promise<PartnerDto> {
    return this.partners.setActive(actor, id, dto.active);
  }
}

/** The signed inbound endpoint partner systems send referrals to (no login: the signature authenticates). */
@ApiTags('public')
@Public()
@Controller('public/partners')
export class PartnerInboundController {
  constructor(private readonly partners: PartnerService) {}

  @Post(':partnerId/referrals')
  @ApiOperation({
    summary: 'A referral from a partner system, signed like our webhooks; 401 when unsigned, stale or forged',
  })
  @ApiHeader({
    name: 'x-ipe-timestamp',
    required: true,
    description: 'Unix seconds; within 5 minutes of ours',
  })
  @ApiHeader({
    name: 'x-ipe-signature',
    required: true,
    description: 'sha256=HMAC(secret, timestamp + "." + body)',
  })
  @ApiHeader({
    name: 'idempotency-key',
    required: true,
    description: 'the same key again returns the same referral',
  })
  @ApiBody({ type: PartnerReferralDto })
  @ApiCreatedResponse({
    type: PartnerReferralReceiptDto,
    description: '200 when the key was seen with the same body',
  })
  async receive(
    @Param('partnerId') partnerId: string,
    @Headers('x-ipe-timestamp') timestamp: string | undefined,
    @Headers('x-ipe-signature') signature: string | undefined,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Body() body: Record<string, unknown>,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PartnerReferralReceiptDto> {
    const raw = (req.raw as IncomingMessage & { rawBody?: Buffer }).rawBody;
    const { created, referral } = await this.partners.receive(
      partnerId,
      { timestamp, signature, idempotencyKey, raw },
      body,
    );
    reply.status(created ? 201 : 200);
    return {
      id: referral.id,
      referralNo: referral.referralNo,
      state: referral.state,
      dueAt: referral.dueAt,
      externalId: referral.partner?.externalId ?? null,
    };
  }
}
