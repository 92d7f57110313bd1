import { bootstrapService, createLogger, runMain } from '@conversations/service-kit';
import { AppModule } from './app.module';
import { loadWebhooksConfig } from './config';

runMain(async () => {
  const config = loadWebhooksConfig();
  const logger = createLogger('webhooks', config.LOG_LEVEL);
  await bootstrapService('webhooks', AppModule.register(config, logger), config, logger);
});
