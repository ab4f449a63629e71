import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { langOf, toProblem } from './problem';
import { requestIdOf } from './request-id';

/** The one place that turns errors into HTTP answers: RFC 9457 problem+json (design.md rule 7). */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    sendProblem(exception, http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>(), this.logger);
  }
}

export function sendProblem(
  exception: unknown,
  req: FastifyRequest,
  reply: FastifyReply,
  logger: Logger,
): void {
  const problem = toProblem(exception, langOf(req.headers['accept-language']));
  problem.instance = req.url;
  problem.requestId = requestIdOf(req.raw);
  if (problem.code === 'SERVICE_UNAVAILABLE' || problem.code === 'INSUFFICIENT_STORAGE') {
    // An outage, not a bug: one line without the stack (a database restart fails every request in flight).
    logger.warn(
      {
        err: exception instanceof Error ? exception.message : String(exception),
        requestId: problem.requestId,
      },
      problem.detail,
    );
  } else if (problem.status >= 500) {
    logger.error({ err: exception, requestId: problem.requestId }, 'Unhandled error');
  }
  if (reply.sent) return;
  if (typeof problem.retryAfterSeconds === 'number')
    reply.header('retry-after', String(problem.retryAfterSeconds));
  void reply
    .status(problem.status)
    .header('content-type', 'application/problem+json; charset=utf-8')
    .send(problem);
}
