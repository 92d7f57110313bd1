import { bootstrapService, createLogger, runMain } from '@conversations/service-kit';
import { AppModule } from './app.module';
import { loadAppointmentsConfig } from './config';

runMain(async () => {
  const config = loadAppointmentsConfig();
  const logger = createLogger('appointments', config.LOG_LEVEL);
  await bootstrapService('appointments', AppModule.register(config, logger), config, logger);
});
