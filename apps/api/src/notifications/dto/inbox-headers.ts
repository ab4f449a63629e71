import { langOf, type Lang } from '@app/observability';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { bearerExpiry } from './inbox-sse';

/** The response language from `Accept-Language` (zh-CN unless English is asked for); not an OpenAPI parameter. */
export const RequestLang = createParamDecorator((_: unknown, ctx: ExecutionContext): Lang =>
  langOf(ctx.switchToHttp().getRequest<FastifyRequest>().headers['accept-language']),
);

/** When the request's (already verified) bearer token expires, or null. */
export const TokenExpiry = createParamDecorator((_: unknown, ctx: ExecutionContext): Date | null =>
  bearerExpiry(ctx.switchToHttp().getRequest<FastifyRequest>().headers.authorization),
);
