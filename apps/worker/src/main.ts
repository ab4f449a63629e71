import { loadConfig } from '@app/config';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  const app = await NestFactory.createApplicationContext(
    // Processors hold a connection per concurrent delivery: the worker's pool is larger unless set.
    WorkerModule.forRoot(loadConfig(undefined, { DATABASE_POOL_SIZE: '24' })),
    {
      bufferLogs: true,
    },
  );
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  app.get(Logger).log('worker started');
}

void main();
