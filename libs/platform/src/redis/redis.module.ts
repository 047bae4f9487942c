import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';

export const REDIS = Symbol('REDIS');

export function createRedis(url: string): Redis {
  // BullMQ requires maxRetriesPerRequest null; lazyConnect lets a process start while Redis is down
  // and answer /health/ready with 503 instead of crashing.
  return new Redis(url, { maxRetriesPerRequest: null, lazyConnect: true });
}

@Global()
@Module({})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  static forRoot(): DynamicModule {
    return {
      module: RedisModule,
      providers: [
        {
          provide: REDIS,
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => {
            const redis = createRedis(config.redisUrl);
            redis.connect().catch(() => undefined);
            redis.on('error', () => undefined);
            return redis;
          },
        },
      ],
      exports: [REDIS],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    this.redis.disconnect();
  }
}
