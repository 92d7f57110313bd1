import { createLogger, runMain } from '@conversations/service-kit';
import { loadGatewayConfig } from './config';
import { createGateway, listenGateway } from './gateway';

runMain(async () => {
  const config = loadGatewayConfig();
  const logger = createLogger('gateway', config.LOG_LEVEL);
  const app = await createGateway(config, logger);
  await listenGateway(app, config, logger);
});
