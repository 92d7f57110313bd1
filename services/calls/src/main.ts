import { bootstrapService, createLogger, runMain } from '@conversations/service-kit';
import { AppModule } from './app.module';
import { loadCallsConfig } from './config';

runMain(async () => {
  const config = loadCallsConfig();
  const logger = createLogger('calls', config.LOG_LEVEL);
  await bootstrapService('calls', AppModule.register(config, logger), config, logger);
});
