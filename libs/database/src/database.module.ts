import { AppConfig } from '@app/config';
import { requestIdOf } from '@app/observability';
import { ClsPluginTransactional } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ClsModule } from 'nestjs-cls';
import type { IncomingMessage } from 'node:http';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

/**
 * TypeORM connection plus the ambient transaction (nestjs-cls): a service method marked
 * `@Transactional()` runs in one PostgreSQL transaction that repositories, the audit writer and the
 * outbox writer join through `TransactionHost`, without passing an EntityManager around.
 */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ ...dataSourceOptions(config), autoLoadEntities: true }),
    }),
    ClsModule.forRoot({
      global: true,
      // In the API every request runs in a CLS context whose id is the request id, so audit and outbox
      // rows carry it; in the worker and the CLI no middleware is mounted. No proxy providers and no request kept
      // in the context: resolving proxy providers ran a dynamic require() on every request (bench:intake).
      middleware: {
        mount: true,
        generateId: true,
        idGenerator: (req: IncomingMessage) => requestIdOf(req),
        resolveProxyProviders: false,
        saveReq: false,
      },
      plugins: [
        new ClsPluginTransactional({
          imports: [TypeOrmModule],
          adapter: new TransactionalAdapterTypeOrm({ dataSourceToken: DataSource }),
        }),
      ],
    }),
  ],
})
export class DatabaseModule {}
