import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import type { OnApplicationShutdown } from '@nestjs/common';
import { type ThrottlerStorage, ThrottlerStorageService } from '@nestjs/throttler';
import Redis from 'ioredis';
import type { Logger } from 'pino';

type StorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** A warning about an unreachable Redis at most this often, however many requests fall back. */
const WARN_EVERY_MS = 30_000;

/**
 * Rate-limit counters shared by every gateway replica in Redis (REDIS_URL), each counted atomically by
 * @nest-lab/throttler-storage-redis's script; without REDIS_URL, or while Redis cannot be reached, each
 * replica counts in memory — a limit that is briefly per replica, never a request refused or held up
 * because the counter store is down.
 */
export class RateLimitStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly local = new ThrottlerStorageService();
  private readonly redis?: Redis;
  private readonly shared?: ThrottlerStorageRedisService;
  private warnedAt = 0;

  constructor(
    redisUrl: string | undefined,
    private readonly logger: Logger,
  ) {
    if (!redisUrl) return;
    // No offline queue: while disconnected a command fails at once (and falls back) instead of waiting.
    this.redis = new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2_000 });
    this.redis.on('error', (error) => this.warn(error));
    this.shared = new ThrottlerStorageRedisService(this.redis);
  }

  get backend(): 'redis' | 'memory' {
    return this.shared ? 'redis' : 'memory';
  }

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<StorageRecord> {
    if (this.shared) {
      try {
        return await this.shared.increment(key, ttl, limit, blockDuration, throttlerName);
      } catch (error) {
        this.warn(error);
      }
    }
    return this.local.increment(key, ttl, limit, blockDuration, throttlerName);
  }

  onApplicationShutdown(): void {
    this.redis?.disconnect(false);
    this.local.onApplicationShutdown();
  }

  private warn(error: unknown): void {
    if (Date.now() - this.warnedAt < WARN_EVERY_MS) return;
    this.warnedAt = Date.now();
    this.logger.warn({ err: error }, 'Redis for rate limits cannot be reached; counting in this replica until it is back');
  }
}
