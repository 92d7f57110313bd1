import { bootstrapService, createLogger, runMain } from '@conversations/service-kit';
import { AppModule } from './app.module';
import { loadContactsConfig } from './config';

runMain(async () => {
  const config = loadContactsConfig();
  const logger = createLogger('contacts', config.LOG_LEVEL);
  await bootstrapService('contacts', AppModule.register(config, logger), config, logger);
});
