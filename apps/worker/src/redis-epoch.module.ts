import { Global, Module } from '@nestjs/common';
import { RedisEpoch } from './redis-epoch.service';

@Global()
@Module({ providers: [RedisEpoch], exports: [RedisEpoch] })
export class RedisEpochModule {}
