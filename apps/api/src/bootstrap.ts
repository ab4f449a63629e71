import fastifyMultipart from '@fastify/multipart';
import { AppConfig, loadConfigWith } from '@app/config';
import { createValidationPipe, ProblemFilter, requestIdOf, sendProblem, toProblem } from '@app/observability';
import fastifyStatic from '@fastify/static';
import { Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import type { FastifyReply, FastifyRequest } from 'fastify';
import helmet from 'helmet';
import { existsSync } from 'node:fs';
import { STATUS_CODES, type IncomingMessage } from 'node:http';
import { join, resolve } from 'node:path';
import { Readable, type Duplex } from 'node:stream';
import { ApiModule } from './api.module';
import { RegistryCache } from '@app/credit';
import { registryEdge } from './credit/registry-response';

export const API_PREFIX = 'api/v1';
/** Routes whose raw request body is kept for signature checks (partner systems' signed requests). */
export const RAW_BODY_PREFIX = `/${API_PREFIX}/public/partners/`;

/**
 * Builds the HTTP application (Fastify adapter) with every cross-cutting convention: /api/v1 prefix,
 * validation, problem+json errors, request ids, security headers, CORS, OpenAPI and the web app at `/`.
 * `main.ts` and the tests both use it, so tests exercise exactly what runs in production.
 */
export async function createApi(
  overrides: Partial<Record<keyof AppConfig, string>> = {},
): Promise<NestFastifyApplication> {
  // `overrides` replace environment variables (tests give each file its own database).
  const config = loadConfigWith(overrides);
  const adapter = new FastifyAdapter({
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: true,
    // Fastify's request id is ours too, so every log line of the request carries the same id.
    genReqId: (req: IncomingMessage) => requestIdOf(req),
    // What Fastify refuses before any route runs is a problem+json too: a malformed percent-encoding (400), a path
    // parameter over the length limit (414), and — written on the socket — headers over Node's limit (431).
    frameworkErrors: (err: Error, req: FastifyRequest, reply: FastifyReply) =>
      sendProblem(err, req, reply, new NestLogger('Http')),
    clientErrorHandler: sendClientProblem,
  });
  // Public-registry cache hits are answered before anything else runs (registryEdge): hooked here, before Nest
  // registers its middleware on the instance.
  const edge = registryEdge(requestIdOf);
  edge.register(adapter.getInstance());
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule.forRoot(config), adapter, {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.flushLogs();

  const fastify = app.getHttpAdapter().getInstance();
  // onRequest, not onSend: responses Nest writes itself (server-sent events) skip onSend.
  fastify.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', requestIdOf(req.raw));
  });

  // Signed partner requests are verified over their exact bytes: keep the raw body of those routes only (a
  // prefix test on every other request). The body limit still applies — reading stops past it with a 413.
  fastify.addHook('preParsing', async (req, _reply, payload) => {
    if (!req.url.startsWith(RAW_BODY_PREFIX)) return payload;
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of payload) {
      size += (chunk as Buffer).length;
      if (size > config.BODY_LIMIT_BYTES) {
        // Fastify's own error for an oversized body, so it is reported exactly as for any other route.
        throw Object.assign(new Error('Request body is too large'), {
          code: 'FST_ERR_CTP_BODY_TOO_LARGE',
          statusCode: 413,
        });
      }
      chunks.push(chunk as Buffer);
    }
    const raw = Buffer.concat(chunks);
    (req.raw as IncomingMessage & { rawBody?: Buffer }).rawBody = raw;
    return Readable.from([raw]);
  });

  // Evidence uploads: one file per request, streamed (the storage enforces EVIDENCE_MAX_BYTES with a clear 413).
  // preservePath: busboy would silently cut "../x.pdf" down to "x.pdf"; we want to see it and refuse it.
  await app.register(fastifyMultipart, {
    preservePath: true,
    limits: { files: 1, fields: 20, fieldSize: 10_000, parts: 25, fileSize: config.EVIDENCE_MAX_BYTES + 1 },
  });

  app.setGlobalPrefix(API_PREFIX, { exclude: ['health'] });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemFilter());
  // Security headers. helmet's middleware is built once here: @fastify/helmet rebuilds it (and re-parses the CSP)
  // on every request, which cost a measurable share of a request's CPU.
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
      },
    },
  });
  fastify.addHook('onRequest', (req, reply, next) =>
    securityHeaders(req.raw, reply.raw, (err) => next(err as Error | undefined)),
  );
  // The web app is served from the API's origin; other origins only when configured. Without any, the CORS hook
  // is not registered at all: it resolved its (empty) origin option on every request, 4 % of an intake request.
  if (config.CORS_ORIGINS.length) {
    app.enableCors({
      origin: config.CORS_ORIGINS,
      credentials: true,
      exposedHeaders: ['x-request-id', 'etag', 'content-disposition'],
    });
  }

  edge.attach(app.get(RegistryCache));

  const doc = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('知识产权执法案件管理 API')
      .setDescription('IP enforcement case management. Errors are RFC 9457 problem+json.')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, doc, { jsonDocumentUrl: 'api/docs-json' });

  await serveWebApp(app, config);
  return app;
}

/** Fastify's clientError handler, with a problem+json body (its default writes plain JSON). */
function sendClientProblem(err: Error & { code?: string }, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const statusCode =
    err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  if (socket.writable) {
    const body = JSON.stringify(toProblem(Object.assign(err, { statusCode }), 'zh-CN'));
    socket.write(
      `HTTP/1.1 ${statusCode} ${STATUS_CODES[statusCode]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Content-Type: application/problem+json; charset=utf-8\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(err);
}

/** Serves the built web app; unknown non-API paths get index.html so client-side routes work on reload. */
async function serveWebApp(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  const dist = resolve(config.WEB_DIST ?? join(process.cwd(), 'apps/web/dist'));
  if (!existsSync(join(dist, 'index.html'))) return;
  const fastify = app.getHttpAdapter().getInstance();
  await app.register(fastifyStatic, { root: dist, wildcard: false, index: false, maxAge: '1h' });
  fastify.get('/', (_req, reply) => reply.header('cache-control', 'no-cache').sendFile('index.html'));
  fastify.get('/*', (req, reply) => {
    if (req.url.startsWith('/api/') || req.url.startsWith('/health')) {
      return sendProblem(new NotFound(), req, reply, new NestLogger('Http'));
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}

class NotFound extends Error {
  readonly statusCode = 404;
  constructor() {
    super('No such endpoint');
  }
}
