import { createLogger, runMain } from '@conversations/service-kit';
import { inboundCallUrls, loadSimulatorConfig } from './config';
import { CarrierSimulator } from './simulator';

runMain(async () => {
  const config = loadSimulatorConfig();
  const logger = createLogger('carrier-simulator', config.LOG_LEVEL);
  const simulator = new CarrierSimulator(config, logger);
  const url = await simulator.listen();
  const stop = () => void simulator.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  logger.info(
    { url, inbound: config.INBOUND_WEBHOOK_URL, inboundCalls: inboundCallUrls(config), behaviour: simulator.behaviour },
    `carrier-simulator service ready at ${url}`,
  );
});
