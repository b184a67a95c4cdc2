/**
 * npm run playground — the Microsoft 365 Agents Playground (a Teams-like chat
 * in the browser) in front of the bot started with npm start. The Playground
 * is Microsoft pre-release software under its own licence, so it is not a
 * dependency: npx fetches the pinned version from the npm registry on first
 * use. The flags keep it off the network (no telemetry, no browser launch,
 * its connector on localhost), so it also works on a machine without internet
 * access once fetched.
 *
 *   npm run playground [-- --bot http://127.0.0.1:3978/api/messages] [--port 56150]
 */
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';

const VERSION = '0.2.28';
const { values: args } = parseArgs({ options: { bot: { type: 'string' }, port: { type: 'string', default: '56150' } } });
const bot = args.bot ?? `http://127.0.0.1:${process.env.PORT || 3978}/api/messages`;
const port = args.port!;

console.log(`Agents Playground ${VERSION} på http://127.0.0.1:${port}/ — pratar med ${bot}. Öppna adressen i en webbläsare; Ctrl-C avslutar.`);
const child = spawn(
  'npx',
  ['--yes', `@microsoft/m365agentsplayground@${VERSION}`, 'start', '--app-endpoint', bot, '--channel-id', 'msteams', '--port', port, '--service-url', `http://127.0.0.1:${port}/_connector`, '--disable-telemetry'],
  { stdio: 'inherit', env: { ...process.env, APPLICATION_INSIGHTS_NO_STATSBEAT: 'true', TEAMSAPPTESTER_BROWSER: 'none' } },
);
child.on('exit', (code) => process.exit(code ?? 0));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
