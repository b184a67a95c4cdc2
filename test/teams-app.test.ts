/**
 * The Teams app package: `npm run package` and `npm run validate:manifest`
 * work on a fresh clone, the package is filled from the environment, the
 * offline check rejects what Teams would reject, the icons are what the code
 * draws, and every prompt starter in the manifest gets a real answer.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, cpSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectPath } from '../services/paths.js';
import { checkAppPackage } from '../scripts/teams-app/app-check.js';
import { buildAppPackage, MANIFEST_DIR, NIL_GUID, PackageError, readEnvFiles, teamsAppIdFor, unzipAppPackage, zipAppPackage } from '../scripts/teams-app/app-package.js';
import { colorIcon, outlineIcon } from '../scripts/teams-app/icons.js';
import { readable, startTestApp, type TestApp } from './support/test-app.js';

const run = promisify(execFile);
const BOT_ID = '2f6c1d0e-8a4b-4c1e-9f3a-5b7d9e1c2a40';
const tmp = mkdtempSync(path.join(tmpdir(), 'rapportboten-app-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The environment of a fresh clone: none of the package's variables set. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of ['BOT_ID', 'MicrosoftAppId', 'TEAMS_APP_ID', 'GRAPH_APP_ID', 'GRAPH_CLIENT_ID', 'APP_VERSION', 'APP_NAME_SUFFIX']) delete env[k];
  return { ...env, ...extra };
}

const npm = (args: string[], env = cleanEnv()) => run('npm', ['run', '--silent', ...args], { cwd: projectPath(), env }).catch((e: { code: number; stdout: string; stderr: string }) => e);

type Manifest = Record<string, any>;
const json = (files: Map<string, Buffer>, name: string): Manifest => JSON.parse(files.get(name)!.toString('utf8'));

describe('npm run package and npm run validate:manifest', () => {
  it('work on a fresh clone, with a warning that the package needs a bot id to be installed', async () => {
    const zip = path.join(tmp, 'fresh.zip');
    const packaged = await npm(['package', '--', '--out', zip]);
    expect(packaged.stdout).toMatch(/✓ .*fresh\.zip/);
    expect(packaged.stderr).toMatch(/BOT_ID är inte satt/);
    const files = await unzipAppPackage(readFileSync(zip));
    expect([...files.keys()].sort()).toEqual(['color.png', 'en.json', 'manifest.json', 'outline.png']);
    expect(json(files, 'manifest.json').bots[0].botId).toBe(NIL_GUID);

    const validated = await npm(['validate:manifest', '--', zip]);
    expect(validated.stdout).toMatch(/✓ manifestet följer schemat för version 1\.29/);
    expect(await npm(['validate:manifest'])).toMatchObject({ stdout: expect.stringMatching(/✓/) });
  });

  it('fill the package from the environment', async () => {
    const zip = path.join(tmp, 'filled.zip');
    await npm(['package', '--', '--out', zip], cleanEnv({ BOT_ID, APP_VERSION: '1.4.2', APP_NAME_SUFFIX: ' (test)' }));
    const files = await unzipAppPackage(readFileSync(zip));
    const manifest = json(files, 'manifest.json');
    expect(manifest).toMatchObject({
      manifestVersion: '1.29',
      version: '1.4.2',
      id: teamsAppIdFor(BOT_ID),
      name: { short: 'Rapportboten (test)' },
      localizationInfo: { defaultLanguageTag: 'sv', additionalLanguages: [{ languageTag: 'en', file: 'en.json' }] },
      webApplicationInfo: { id: BOT_ID },
    });
    expect(manifest.bots[0]).toMatchObject({ botId: BOT_ID, scopes: ['personal', 'team', 'groupChat'] });
    expect(json(files, 'en.json')['name.short']).toBe('Rapportboten (test)');
    expect(readFileSync(zip).toString('latin1')).not.toContain('${{');
  });

  it('take the bot id from MicrosoftAppId, the bot\'s own setting, and keep the Teams app id stable for it', () => {
    const a = buildAppPackage({ MicrosoftAppId: BOT_ID }, { requireBotId: true });
    const b = buildAppPackage({ BOT_ID }, { requireBotId: true });
    expect(a.values.BOT_ID).toBe(BOT_ID);
    expect(a.values.TEAMS_APP_ID).toBe(b.values.TEAMS_APP_ID);
    expect(teamsAppIdFor('0f0f0f0f-0000-4000-8000-000000000001')).not.toBe(a.values.TEAMS_APP_ID);
    expect(a.values.TEAMS_APP_ID).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('name the app that installs the bot through Graph in webApplicationInfo: GRAPH_CLIENT_ID when the bot has one', () => {
    const graphClient = '7d3e9c1a-1111-4a2b-8c3d-4e5f6a7b8c9d';
    const manifest = json(buildAppPackage({ BOT_ID, GRAPH_CLIENT_ID: graphClient }, { requireBotId: true }).files, 'manifest.json');
    expect(manifest.webApplicationInfo).toEqual({ id: graphClient, resource: `api://botid-${graphClient}` });
    expect(manifest.bots[0].botId).toBe(BOT_ID);
  });

  it('with --env, read env/.env.<name> and require a real bot id', async () => {
    const r = await npm(['package', '--', '--env', 'dev', '--out', path.join(tmp, 'dev.zip')]);
    expect(r).toMatchObject({ code: 1, stderr: expect.stringMatching(/BOT_ID saknas/) });
    const ok = await npm(['package', '--', '--env', 'dev', '--out', path.join(tmp, 'dev.zip')], cleanEnv({ BOT_ID }));
    expect(ok.stdout).toMatch(/version 1\.0\.0/);
    const manifest = json(await unzipAppPackage(readFileSync(path.join(tmp, 'dev.zip'))), 'manifest.json');
    expect(manifest.name.short).toBe('Rapportboten (test)');
  });

  it('reads env files the way the Agents Toolkit writes them, secrets in .user overriding', () => {
    const dir = mkdtempSync(path.join(tmp, 'env-'));
    writeFileSync(path.join(dir, '.env.prod'), '# kommentar\nBOT_ID=\nAPP_NAME_SUFFIX=" (prod)"\nDEVELOPER_NAME=Linköpings kommun\n');
    writeFileSync(path.join(dir, '.env.prod.user'), `BOT_ID=${BOT_ID}\n`);
    expect(readEnvFiles('prod', dir)).toEqual({ BOT_ID, APP_NAME_SUFFIX: ' (prod)', DEVELOPER_NAME: 'Linköpings kommun' });
    expect(() => readEnvFiles('finns-inte', dir)).toThrow(/Miljön "finns-inte" finns inte/);
  });

  it('name a wrong variable and change nothing', async () => {
    const zip = path.join(tmp, 'wrong.zip');
    const r = await npm(['package', '--', '--out', zip], cleanEnv({ BOT_ID: '1234', APP_VERSION: '1.0' }));
    expect(r).toMatchObject({ code: 1 });
    expect((r as { stderr: string }).stderr).toMatch(/BOT_ID: ska vara ett GUID/);
    expect((r as { stderr: string }).stderr).toMatch(/APP_VERSION: ska vara tre heltal/);
    expect(() => readFileSync(zip)).toThrow();
  });
});

describe('the offline check', () => {
  let valid: Map<string, Buffer>;
  beforeAll(() => {
    valid = buildAppPackage({ BOT_ID }, { requireBotId: true }).files;
  });
  const variant = (name: string, change: (doc: Manifest) => void) => {
    const files = new Map(valid);
    const doc = json(files, name);
    change(doc);
    files.set(name, Buffer.from(JSON.stringify(doc)));
    return checkAppPackage(files);
  };

  it('accepts the package', () => {
    expect(checkAppPackage(valid)).toEqual([]);
  });

  it('rejects what the schema forbids, by path', () => {
    expect(variant('manifest.json', (m) => (m.bots[0].botId = 'inte-ett-guid'))).toEqual([expect.stringMatching(/manifest\.json \/bots\/0\/botId: must match pattern/)]);
    expect(variant('manifest.json', (m) => (m.colour = '#fff'))).toEqual([expect.stringMatching(/must NOT have additional properties \(colour\)/)]);
    expect(variant('manifest.json', (m) => (m.name.short = 'Rapportboten för socialtjänsten i Linköping'))).toEqual([expect.stringMatching(/\/name\/short: must NOT have more than 30 characters/)]);
    expect(variant('manifest.json', (m) => (m.bots[0].scopes = ['personal', 'meeting']))).toEqual([expect.stringMatching(/\/bots\/0\/scopes\/1: must be equal to one of the allowed values/)]);
    expect(variant('manifest.json', (m) => (m.manifestVersion = '1.99'))).toEqual([expect.stringMatching(/manifestVersion "1\.99" har inget schema/)]);
  });

  it('rejects a language file that names what the manifest does not have', () => {
    expect(variant('en.json', (e) => (e['bots[0].commandLists[0].commands[11].title'] = 'Extra'))).toEqual(['en.json: "bots[0].commandLists[0].commands[11].title" finns inte i manifest.json']);
    expect(variant('en.json', (e) => (e['description.short'] = 'x'.repeat(81)))).toEqual([expect.stringMatching(/en\.json \/description\.short: must NOT have more than 80 characters/)]);
  });

  it('rejects unfilled placeholders and duplicate commands', () => {
    expect(variant('manifest.json', (m) => (m.developer.name = '${{DEVELOPER_NAME}}'))).toEqual([expect.stringMatching(/ofyllda platshållare: \$\{\{DEVELOPER_NAME\}\}/)]);
    expect(variant('manifest.json', (m) => m.bots[0].commandLists[0].commands.push({ ...m.bots[0].commandLists[0].commands[0] }))).toContain('manifest.json /bots/0/commandLists/0: kommandot "Prognos för ett område" finns två gånger');
  });

  it('checks the icons\' sizes and that the outline is white on transparent', () => {
    const png = (size: number, rgba: [number, number, number, number]) => {
      const p = new PNG({ width: size, height: size });
      for (let i = 0; i < p.data.length; i += 4) p.data.set(rgba, i);
      return PNG.sync.write(p);
    };
    const withIcon = (name: string, content: Buffer) => checkAppPackage(new Map(valid).set(name, content));
    expect(withIcon('color.png', png(96, [30, 90, 138, 255]))).toEqual(['color.png är 96×96 pixlar, ska vara 192×192']);
    expect(withIcon('outline.png', png(32, [30, 90, 138, 255]))).toEqual(['outline.png ska ha genomskinlig bakgrund (konturikonen)', 'outline.png har 1024 pixlar som inte är vita; konturikonen ska vara vit på genomskinligt']);
    expect(withIcon('outline.png', Buffer.from('inte en bild'))).toEqual([expect.stringMatching(/outline\.png är inte en PNG-bild/)]);
  });

  it('refuses a manifest with a placeholder the packager does not know', () => {
    const dir = mkdtempSync(path.join(tmp, 'manifest-'));
    cpSync(MANIFEST_DIR, dir, { recursive: true, filter: (f) => !f.includes('build') });
    const text = readFileSync(path.join(dir, 'manifest.json'), 'utf8').replace('"${{DEVELOPER_NAME}}"', '"${{UTVECKLARE}}"');
    writeFileSync(path.join(dir, 'manifest.json'), text);
    expect(() => buildAppPackage({ BOT_ID }, { requireBotId: true, dir })).toThrow(PackageError);
    expect(() => buildAppPackage({ BOT_ID }, { requireBotId: true, dir })).toThrow(/okända platshållare \$\{\{UTVECKLARE\}\}/);
  });

  it('zips the same sources to the same bytes', async () => {
    const pkg = buildAppPackage({ BOT_ID }, { requireBotId: true });
    expect((await zipAppPackage(pkg)).equals(await zipAppPackage(pkg))).toBe(true);
  });
});

describe('the icons', () => {
  const pixels = (png: Buffer) => PNG.sync.read(png).data;

  it('are what scripts/teams-app/icons.ts draws (npm run icons)', () => {
    expect(pixels(readFileSync(path.join(MANIFEST_DIR, 'color.png'))).equals(pixels(colorIcon()))).toBe(true);
    expect(pixels(readFileSync(path.join(MANIFEST_DIR, 'outline.png'))).equals(pixels(outlineIcon()))).toBe(true);
  });

  it('use the manifest\'s accent colour as the colour icon\'s background', () => {
    const manifest = JSON.parse(readFileSync(path.join(MANIFEST_DIR, 'manifest.json'), 'utf8'));
    const corner = [...pixels(colorIcon()).subarray(0, 3)].map((v) => v.toString(16).padStart(2, '0')).join('');
    expect(`#${corner}`.toUpperCase()).toBe(manifest.accentColor.toUpperCase());
  });
});

describe('prompt starters', () => {
  const HELP = /^Det här kan jag svara på/;
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  const pkg = buildAppPackage({ BOT_ID }, { requireBotId: true });
  const manifest = json(pkg.files, 'manifest.json');
  const en = json(pkg.files, 'en.json');
  const prompts = new Map<string, string>();
  for (const [l, list] of manifest.bots[0].commandLists.entries()) {
    for (const [c, command] of list.commands.entries()) {
      prompts.set(command.prompt, command.title);
      const english = en[`bots[0].commandLists[${l}].commands[${c}].prompt`];
      if (english) prompts.set(english, en[`bots[0].commandLists[${l}].commands[${c}].title`]);
    }
  }

  it('exist in Swedish and English and include the examples leaders ask', () => {
    expect([...prompts.keys()]).toEqual(expect.arrayContaining(['Hur ser prognosen ut för Barn och unga?', 'Var är underskottet störst?', 'Status insamling', 'What is the forecast for Barn och unga?']));
  });

  it.each([...prompts])('"%s" (%s) gets a real answer', async (prompt) => {
    const { replies } = await t.teams.say(prompt, { userId: `prompt-${prompt.length}-${prompt.charCodeAt(0)}` });
    const text = readable(replies);
    if (/^(hjälp|help)$/.test(prompt)) expect(text).toMatch(HELP);
    else expect(text).not.toMatch(/förstod inte|^Det här kan jag svara på/);
  });

});
