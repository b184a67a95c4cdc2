/**
 * The baseline: a bare botbuilder echo bot behind the same HTTP server and
 * adapter as Rapportboten, so a benchmark run measures what answering adds.
 * Usage: tsx bench/echo-bot.ts <port>
 */
import { ActivityHandler } from 'botbuilder';
import { createAdapter } from '../bot/bot-adapter.js';
import { createHttpServer } from '../bot/http-server.js';
import { loadConfig } from '../services/config.js';
import { createLogger } from '../services/logging/logger.js';

const config = loadConfig({ LOG_LEVEL: 'silent' });
const log = createLogger('silent');
const adapter = createAdapter(config, log);
const bot = new ActivityHandler().onMessage(async (context, next) => {
  await context.sendActivity(`Du skrev: ${context.activity.text}`);
  await next();
});
const server = createHttpServer({ adapter, logic: (c) => bot.run(c), health: async () => ({ status: 'ok' }), log });
server.listen(Number(process.argv[2] ?? 3979), '127.0.0.1', () => process.send?.('ready'));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
