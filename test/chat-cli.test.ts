/**
 * npm run chat against the real bot over HTTP: the answer's text and card are
 * printed readably, a button's number presses it (Action.Execute, the card is
 * updated), and a bot that is not running gets a clear message.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectPath } from '../services/paths.js';
import { cardText } from '../scripts/chat/card-text.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const TSX = createRequire(import.meta.url).resolve('tsx/cli');

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

function chat(args: string[], input?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [TSX, 'scripts/chat.ts', ...args], { cwd: projectPath(), env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    if (input !== undefined) child.stdin.end(input);
  });
}

describe('npm run chat', () => {
  it('asks one question and prints the answer, the card as text and its numbered buttons', async () => {
    const { code, stdout } = await chat(['--bot', t.url, 'Var är underskottet störst?']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Rapportboten: Störst underskott mot budget/m);
    // the ranking table in aligned columns: one line per row
    expect(stdout).toMatch(/│ 569 Barn och ungdomsvård +133,1 mnkr +123,3 mnkr +−9,8 mnkr$/m);
    expect(stdout).toMatch(/│ Källa: SoN delårsrapport per 31 mars 2024/);
    expect(stdout).toMatch(/└─ \[1\] Varför\? Barn och ungdomsvård +\[2\]/);
  });

  it('presses a card button by its number: the updated card replaces the old one', async () => {
    const { code, stdout } = await chat(['--bot', t.url], 'Hur ser prognosen ut för Barn och unga?\n1\n/avsluta\n');
    expect(code).toBe(0);
    expect(stdout).toMatch(/Hej Test! Jag är Rapportboten/); // the install event's welcome card
    expect(stdout).toMatch(/Prognos helår 2024 +489,4 mnkr/);
    const after = stdout.slice(stdout.indexOf('→ Varför?'));
    expect(after).toMatch(/┌─ kortet uppdaterades ─\n│ Varför\? 569 Barn och ungdomsvård/);
    expect(after).toMatch(/gängkriminalitet/);
  });

  it('follows up in the same conversation, and in a group chat mentions the bot', async () => {
    const { stdout } = await chat(['--bot', t.url, '--grupp'], 'Prognos helår för missbruksvården?\noch för LSS?\n/avsluta\n');
    expect(stdout).toMatch(/864,4 mnkr/);
  });

  it('says so when the bot is not running', async () => {
    const { code, stderr } = await chat(['--bot', 'http://127.0.0.1:9/api/messages', 'hej']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/Boten svarar inte på http:\/\/127\.0\.0\.1:9\/api\/messages .*Starta den med npm start/);
  });
});

describe('cards as text', () => {
  it('shows inputs, columns and every kind of button, so that feature cards can be used from the terminal', () => {
    const { lines, buttons, inputs } = cardText(
      {
        type: 'AdaptiveCard',
        version: '1.5',
        body: [
          { type: 'ColumnSet', columns: [{ items: [{ type: 'TextBlock', text: 'Sjukfrånvaro' }] }, { items: [{ type: 'TextBlock', text: '7,9 %', color: 'attention' }] }] },
          { type: 'Input.Number', id: 'varde', label: 'Värde', value: 7.9, isRequired: true },
          { type: 'Input.ChoiceSet', id: 'kon', label: 'Gäller', choices: [{ title: 'Män', value: 'm' }, { title: 'Kvinnor', value: 'k' }] },
          { type: 'ActionSet', actions: [{ type: 'Action.OpenUrl', title: 'Rapporten', url: 'https://www.linkoping.se/' }] },
        ],
        actions: [{ type: 'Action.Execute', title: 'Skicka', verb: 'rapportera', data: { post: 1 } }],
      },
      { color: false },
    );
    expect(lines).toEqual(['Sjukfrånvaro  7,9 %', '✎ Värde = 7.9 *', '✎ Gäller (Män / Kvinnor)']);
    expect(buttons.map((b) => `${b.type} ${b.title}`)).toEqual(['Action.OpenUrl Rapporten', 'Action.Execute Skicka']);
    expect(inputs.map((i) => i.id)).toEqual(['varde', 'kon']);
  });
});
