/**
 * npm run chat — chat with the running bot (npm start) in the terminal, over
 * the same HTTP protocol Teams uses. Prints the bot's text and its cards as
 * readable text; type a button's number to press it.
 *
 *   npm run chat                                   interactive, against http://127.0.0.1:$PORT/api/messages
 *   npm run chat -- "Var är underskottet störst?"  one question, then exit
 *   npm run chat -- --bot http://host:4100/api/messages --grupp --namn "Eva Ek" --epost eva.ek@linkoping.se
 */
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { BotUnreachable, ChatSession } from './chat/chat-session.js';

const { values: args, positionals } = parseArgs({
  options: {
    bot: { type: 'string' },
    namn: { type: 'string', default: 'Test Testsson' },
    epost: { type: 'string' },
    grupp: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    hjälp: { type: 'boolean', default: false },
  },
  allowPositionals: true,
});

const HELP = `Skriv en fråga och tryck Enter. En siffra trycker på kortets knapp med det numret.
  /välkommen  skicka installationshändelsen (välkomstkortet)
  /ny         börja en ny konversation (glömmer föregående fråga)
  /json       visa korten som JSON också (av/på)
  /avsluta    avsluta (eller Ctrl-D)`;

if (args.hjälp) {
  console.log(`npm run chat [-- --bot URL] [--namn NAMN] [--epost ADRESS] [--grupp] [--json] [fråga …]\n\n${HELP}`);
  process.exit(0);
}

const botUrl = args.bot ?? `http://127.0.0.1:${process.env.PORT || 3978}/api/messages`;
const interactive = positionals.length === 0;
const rl = interactive ? readline.createInterface({ input: process.stdin, output: process.stdout, prompt: 'du> ' }) : undefined;

const tty = process.stdout.isTTY === true;

/** Prints above the prompt without garbling what the person is typing. */
function print(text: string): void {
  if (rl && tty) {
    readline.clearLine(process.stdout, 0);
    readline.cursorTo(process.stdout, 0);
  }
  console.log(text);
  if (rl && tty && !busy) rl.prompt(true);
}

let busy = false;
const session = new ChatSession({
  botUrl,
  user: { name: args.namn!, email: args.epost },
  group: args.grupp,
  color: tty && !process.env.NO_COLOR,
  json: args.json,
  columns: process.stdout.columns,
  print,
  ask: (question) => (rl ? new Promise((resolve) => rl.question(question, resolve)) : Promise.resolve('')),
});

async function turn(line: string): Promise<boolean> {
  const text = line.trim();
  if (!text) return true;
  if (text === '/avsluta') return false;
  if (text === '/hjälp') print(HELP);
  else if (text === '/ny') {
    session.newConversation();
    print('Ny konversation.');
  } else if (text === '/json') {
    args.json = !args.json;
    print(`JSON ${args.json ? 'på' : 'av'}.`);
  } else if (text === '/välkommen') await session.install();
  else if (/^\d+$/.test(text) && session.buttonCount > 0) await session.press(Number(text));
  else await session.say(text);
  return true;
}

/** Interactive: lines are handled one at a time, in order, including those typed (or piped) while the bot answers. */
function converse(): Promise<void> {
  const queue = ['/välkommen'];
  let closed = false;
  return new Promise((resolve, reject) => {
    const drain = async () => {
      if (busy) return;
      busy = true;
      while (queue.length) {
        const more = await turn(queue.shift()!).catch((e: Error) => {
          if (!(e instanceof BotUnreachable)) throw e;
          print(e.message);
          return true;
        });
        if (!more) return resolve();
      }
      busy = false;
      if (closed) return resolve();
      rl!.prompt();
    };
    rl!.on('line', (line) => {
      queue.push(line);
      drain().catch(reject);
    });
    rl!.on('close', () => {
      closed = true;
      drain().catch(reject);
    });
    drain().catch(reject);
  });
}

await session.start();
let exitCode = 0;
try {
  if (interactive) {
    print(`Rapportboten på ${botUrl}${args.grupp ? ' (gruppchatt: boten nämns i varje meddelande)' : ''}. /hjälp visar kommandona.`);
    await converse();
  } else {
    for (const q of positionals) {
      console.log(`du> ${q}`);
      await turn(q);
    }
  }
} catch (e) {
  if (!(e instanceof BotUnreachable)) throw e;
  console.error(e.message);
  exitCode = 1;
} finally {
  rl?.close();
  await session.stop();
}
process.exitCode = exitCode;
