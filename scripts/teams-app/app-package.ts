/**
 * The Teams app package: manifest/manifest.json and the files it names
 * (icons, language files), with the ${{NAME}} placeholders filled from the
 * environment — the same placeholder syntax the Microsoft 365 Agents Toolkit
 * fills, so m365agents.yml can package the same sources.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { z } from 'zod';
import { projectPath } from '../../services/paths.js';

export const MANIFEST_DIR = projectPath('manifest');
export const ENV_DIR = projectPath('env');

/** Placeholder for an unset bot id: the package validates, but Teams cannot reach such a bot. */
export const NIL_GUID = '00000000-0000-0000-0000-000000000000';

const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
const blankIsUnset = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const guid = z.preprocess(blankIsUnset, z.string().trim().regex(GUID, 'ska vara ett GUID, t.ex. 2f6c1d0e-8a4b-4c1e-9f3a-5b7d9e1c2a40').optional());
const httpsUrl = z.preprocess(blankIsUnset, z.string().trim().url('ska vara en https://-adress').startsWith('https://', 'ska vara en https://-adress').optional());

/** The variables the package is filled from (docs/teams-and-deploy.md). */
export const packageEnv = z.object({
  BOT_ID: guid,
  /** the bot's app id as the bot itself is configured; BOT_ID falls back to it */
  MicrosoftAppId: guid,
  TEAMS_APP_ID: guid,
  GRAPH_APP_ID: guid,
  /** the Entra app the bot calls Graph with (indicator collection); GRAPH_APP_ID falls back to it */
  GRAPH_CLIENT_ID: guid,
  APP_VERSION: z.preprocess(blankIsUnset, z.string().trim().regex(/^\d{1,9}\.\d{1,9}\.\d{1,9}$/, 'ska vara tre heltal, t.ex. 1.0.3').optional()),
  APP_NAME_SUFFIX: z.preprocess((v) => v ?? '', z.string().max(18, 'högst 18 tecken (appens korta namn får vara högst 30)')),
  DEVELOPER_NAME: z.preprocess(blankIsUnset, z.string().trim().max(32, 'högst 32 tecken').default('Linköpings kommun')),
  DEVELOPER_WEBSITE_URL: httpsUrl,
  PRIVACY_URL: httpsUrl,
  TERMS_OF_USE_URL: httpsUrl,
});
export type PackageEnv = z.input<typeof packageEnv>;

export class PackageError extends Error {}

export interface PackageValues {
  values: Record<string, string>;
  warnings: string[];
}

/** Resolves every placeholder value, with defaults; throws PackageError naming each wrong variable. */
export function packageValues(env: Record<string, string | undefined>, options: { requireBotId: boolean }): PackageValues {
  const parsed = packageEnv.safeParse(env);
  if (!parsed.success) {
    throw new PackageError(`Felaktiga variabler för apppaketet:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  }
  const e = parsed.data;
  const warnings: string[] = [];
  let botId = e.BOT_ID ?? e.MicrosoftAppId;
  if (!botId) {
    if (options.requireBotId) throw new PackageError('BOT_ID saknas: ange botens app-id (Azure Bot → Konfiguration → Microsoft App ID) i miljön eller i env-filen.');
    botId = NIL_GUID;
  }
  if (botId === NIL_GUID) {
    warnings.push(`BOT_ID är inte satt: paketet fick ${NIL_GUID} som bot-id. Det går att validera men inte att installera — sätt BOT_ID till botens app-id.`);
  }
  const website = e.DEVELOPER_WEBSITE_URL ?? 'https://www.linkoping.se/';
  return {
    warnings,
    values: {
      BOT_ID: botId,
      TEAMS_APP_ID: e.TEAMS_APP_ID ?? teamsAppIdFor(botId),
      // Graph's *Self* installation permissions only work for the app named here
      GRAPH_APP_ID: e.GRAPH_APP_ID ?? e.GRAPH_CLIENT_ID ?? botId,
      APP_VERSION: e.APP_VERSION ?? projectVersion(),
      APP_NAME_SUFFIX: e.APP_NAME_SUFFIX,
      DEVELOPER_NAME: e.DEVELOPER_NAME,
      DEVELOPER_WEBSITE_URL: website,
      PRIVACY_URL: e.PRIVACY_URL ?? website,
      TERMS_OF_USE_URL: e.TERMS_OF_USE_URL ?? website,
    },
  };
}

/**
 * The Teams app id when none is given: a name-based UUID (version 5) of the
 * bot id, so packaging again for the same bot updates the same app instead of
 * adding a second one to the catalogue.
 */
export function teamsAppIdFor(botId: string): string {
  const namespace = Buffer.from('6b1f3c2e9d4a4e7b8c5d2a1f0e9b8c7d', 'hex');
  const hash = createHash('sha1').update(namespace).update(`rapportboten:${botId.toLowerCase()}`).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const h = hash.subarray(0, 16).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function projectVersion(): string {
  const { version } = JSON.parse(readFileSync(projectPath('package.json'), 'utf8')) as { version: string };
  return version;
}

const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** Fills ${{NAME}} in JSON text; values are escaped for a JSON string. Unknown names are an error. */
export function fillPlaceholders(text: string, values: Record<string, string>, file: string): string {
  const unknown = new Set<string>();
  const filled = text.replace(PLACEHOLDER, (_m, name: string) => {
    const value = values[name];
    if (value === undefined) {
      unknown.add(name);
      return '';
    }
    return JSON.stringify(value).slice(1, -1);
  });
  if (unknown.size) throw new PackageError(`${file}: okända platshållare ${[...unknown].map((n) => `\${{${n}}}`).join(', ')} — lägg till dem i scripts/teams-app/app-package.ts eller ta bort dem.`);
  return filled;
}

/** Reads env/.env.<name> and its git-ignored .user companion (the Agents Toolkit's layout): KEY=VALUE lines. */
export function readEnvFiles(name: string, dir = ENV_DIR): Record<string, string> {
  const base = path.join(dir, `.env.${name}`);
  if (!existsSync(base)) throw new PackageError(`Miljön "${name}" finns inte: ${path.relative(process.cwd(), base)} saknas.`);
  const out: Record<string, string> = {};
  for (const file of [base, `${base}.user`]) {
    if (!existsSync(file)) continue;
    for (const line of readFileSync(file, 'utf8').split(/\r?\n/)) {
      const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
      if (!m || line.trimStart().startsWith('#')) continue;
      out[m[1]!] = m[2]!.replace(/^(['"])(.*)\1$/, '$2');
    }
  }
  return out;
}

export interface AppPackage {
  /** file name in the zip → content, manifest.json first */
  files: Map<string, Buffer>;
  values: Record<string, string>;
  warnings: string[];
}

/** Manifest and the files it references, filled. */
export function buildAppPackage(env: Record<string, string | undefined>, options: { requireBotId: boolean; dir?: string }): AppPackage {
  const dir = options.dir ?? MANIFEST_DIR;
  const { values, warnings } = packageValues(env, options);
  const read = (name: string) => {
    const file = path.join(dir, name);
    if (!existsSync(file)) throw new PackageError(`manifest/${name} saknas (manifestet hänvisar till den).`);
    return readFileSync(file);
  };
  const manifestText = fillPlaceholders(read('manifest.json').toString('utf8'), values, 'manifest.json');
  let manifest: { icons?: Record<string, string>; localizationInfo?: { additionalLanguages?: Array<{ file: string }> } };
  try {
    manifest = JSON.parse(manifestText);
  } catch (e) {
    throw new PackageError(`manifest.json är inte giltig JSON: ${(e as Error).message}`);
  }
  const files = new Map<string, Buffer>([['manifest.json', Buffer.from(manifestText)]]);
  for (const icon of Object.values(manifest.icons ?? {})) files.set(icon, read(icon));
  for (const { file } of manifest.localizationInfo?.additionalLanguages ?? []) {
    files.set(file, Buffer.from(fillPlaceholders(read(file).toString('utf8'), values, file)));
  }
  return { files, values, warnings };
}

export async function zipAppPackage(pkg: AppPackage): Promise<Buffer> {
  const zip = new JSZip();
  // a fixed date keeps the zip the same for the same sources
  const date = new Date(Date.UTC(2024, 0, 1));
  for (const [name, content] of pkg.files) zip.file(name, content, { date });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 }, platform: 'UNIX' });
}

export async function unzipAppPackage(zipped: Buffer): Promise<Map<string, Buffer>> {
  const zip = await JSZip.loadAsync(zipped);
  const files = new Map<string, Buffer>();
  for (const entry of Object.values(zip.files)) {
    if (!entry.dir) files.set(entry.name, await entry.async('nodebuffer'));
  }
  return files;
}
