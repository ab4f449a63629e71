import { AppConfig } from '@app/config';
import { Module, RequestMethod } from '@nestjs/common';
import { LoggerModule as PinoLoggerModule } from 'nestjs-pino';
import { requestIdOf } from './request-id';

/** JSON logs (pino) with the request id on every line; credentials never logged. */
@Module({
  imports: [
    PinoLoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        // Named wildcard: the path-to-regexp 8 syntax (a bare '*' logs a conversion warning at start-up).
        forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
        pinoHttp: {
          level: config.LOG_LEVEL,
          genReqId: (req) => requestIdOf(req),
          customAttributeKeys: { reqId: 'requestId' },
          redact: [
            'req.headers.authorization',
            'req.headers.cookie',
            'req.body.password',
            'req.body.refreshToken',
          ],
          quietReqLogger: true,
          autoLogging: { ignore: (req) => req.url === '/health' },
          transport: config.LOG_PRETTY ? { target: 'pino-pretty', options: { singleLine: true } } : undefined,
        },
      }),
    }),
  ],
})
export class LoggerModule {}
