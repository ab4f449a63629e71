import { CurrentUser, Roles } from '@app/auth';
import type { Actor } from '@app/contracts';
import {
  CreateWebhookEndpointDto,
  ListWebhookEndpointsQueryDto,
  toWebhookEndpointResponse,
  toWebhookEndpointWithSecretResponse,
  toWebhookTestResult,
  UpdateWebhookEndpointDto,
  WebhookEndpointPageResponseDto,
  WebhookEndpointResponseDto,
  WebhookEndpointService,
  WebhookEndpointWithSecretResponseDto,
  WebhookTestResultDto,
} from '@app/notifications';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { UuidParam } from '../http/uuid-param';

/**
 * Partner webhook endpoints (系统管理 → Webhooks 推送接口), admins only. The signing secret appears only in the
 * responses of create and rotate-secret.
 */
@ApiTags('webhooks')
@ApiBearerAuth()
@Roles('admin')
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhookEndpointService) {}

  @Get()
  @ApiOperation({ summary: 'List webhook endpoints (filter by topic, active)' })
  @ApiOkResponse({ type: WebhookEndpointPageResponseDto })
  async list(@Query() query: ListWebhookEndpointsQueryDto): Promise<WebhookEndpointPageResponseDto> {
    const page = await this.webhooks.list(query);
    return { ...page, items: page.items.map(toWebhookEndpointResponse) };
  }

  @Get(':id')
  @ApiOkResponse({ type: WebhookEndpointResponseDto })
  async get(@Param('id', UuidParam) id: string): Promise<WebhookEndpointResponseDto> {
    return toWebhookEndpointResponse(await this.webhooks.get(id));
  }

  @Post()
  @ApiOperation({ summary: 'Register an endpoint; the response carries its signing secret, shown only once' })
  @ApiCreatedResponse({ type: WebhookEndpointWithSecretResponseDto })
  async create(
    @CurrentUser() actor: Actor,
    @Body() dto: CreateWebhookEndpointDto,
  ): Promise<WebhookEndpointWithSecretResponseDto> {
    return toWebhookEndpointWithSecretResponse(await this.webhooks.create(actor, dto));
  }

  @Patch(':id')
  @ApiOkResponse({ type: WebhookEndpointResponseDto })
  @ApiConflictResponse({ description: 'stale version' })
  async update(
    @CurrentUser() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: UpdateWebhookEndpointDto,
  ): Promise<WebhookEndpointResponseDto> {
    return toWebhookEndpointResponse(await this.webhooks.update(actor, id, dto));
  }

  @Post(':id/rotate-secret')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Replace the signing secret now; the response carries the new one, shown only once',
  })
  @ApiOkResponse({ type: WebhookEndpointWithSecretResponseDto })
  async rotateSecret(
    @CurrentUser() actor: Actor,
    @Param('id', UuidParam) id: string,
  ): Promise<WebhookEndpointWithSecretResponseDto> {
    return toWebhookEndpointWithSecretResponse(await this.webhooks.rotateSecret(actor, id));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Deactivate the endpoint (kept for its delivery history; PATCH active=true undoes it)',
  })
  @ApiNoContentResponse()
  async remove(@CurrentUser() actor: Actor, @Param('id', UuidParam) id: string): Promise<void> {
    await this.webhooks.remove(actor, id);
  }

  @Post(':id/test')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send a signed notification.test event now and report the answer' })
  @ApiOkResponse({ type: WebhookTestResultDto })
  async test(@Param('id', UuidParam) id: string): Promise<WebhookTestResultDto> {
    return toWebhookTestResult(await this.webhooks.sendTest(id));
  }
}
