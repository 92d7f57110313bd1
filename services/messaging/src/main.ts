import { bootstrapService, createLogger, runMain } from '@conversations/service-kit';
import { AppModule } from './app.module';
import { loadMessagingConfig } from './config';

runMain(async () => {
  const config = loadMessagingConfig();
  const logger = createLogger('messaging', config.LOG_LEVEL);
  await bootstrapService('messaging', AppModule.register(config, logger), config, logger);
});
