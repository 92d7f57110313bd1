import { bootstrapService, createLogger, runMain } from '@conversations/service-kit';
import { AppModule } from './app.module';
import { loadMessagingConfig } from './config';

/**
 * The send worker as its own process (scale it apart from the API; run the API with SEND_WORKER=off).
 * It answers no requests: its NATS side only carries /health. Logs "messaging service ready" like the
 * API so the same scripts can wait for it.
 */
runMain(async () => {
  const config = { ...loadMessagingConfig(), SEND_WORKER: 'embedded' as const };
  const logger = createLogger('messaging-worker', config.LOG_LEVEL);
  await bootstrapService('messaging', AppModule.register(config, logger, 'worker'), config, logger);
});
