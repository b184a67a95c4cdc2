/**
 * npm start: the bot on PORT (3978) with the embedded store (or DATABASE_URL)
 * and the report data loaded.
 */
import { ConfigError, loadConfig } from '../services/config.js';
import { createLogger } from '../services/logging/logger.js';
import { createApp } from './app.js';

let config;
try {
  config = loadConfig();
} catch (e) {
  if (e instanceof ConfigError) {
    console.error(e.message);
    process.exit(2);
  }
  throw e;
}
const log = createLogger(config.LOG_LEVEL);
const app = await createApp({ config, log });
const port = await app.listen();
log.info({ port, endpoint: `http://localhost:${port}/api/messages` }, 'Rapportboten lyssnar');

const stop = async (signal: string) => {
  log.info({ signal }, 'stänger');
  await app.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
