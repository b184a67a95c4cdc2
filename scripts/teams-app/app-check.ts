/**
 * Checks a Teams app package offline, the way the Developer Portal and the
 * Teams admin center would reject it: the manifest against the official JSON
 * schema of its manifestVersion (shipped in @microsoft/app-manifest, no
 * download), each language file against the localization schema and against
 * the manifest, and the icons' sizes and colours.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import ajvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import { PNG } from 'pngjs';

const require = createRequire(import.meta.url);
const SCHEMA_ROOT = path.join(path.dirname(require.resolve('@microsoft/app-manifest/package.json')), 'build', 'json-schemas', 'teams');

interface Manifest {
  manifestVersion?: string;
  icons?: { color?: string; outline?: string; color32x32?: string };
  localizationInfo?: { defaultLanguageFile?: string; additionalLanguages?: Array<{ languageTag: string; file: string }> };
  bots?: Array<{ commandLists?: Array<{ scopes: string[]; commands: Array<{ title: string }> }> }>;
}

/** Icon name in the manifest → required size, and whether it must be white on transparent. */
const ICONS = { color: { size: 192, outline: false }, outline: { size: 32, outline: true }, color32x32: { size: 32, outline: false } } as const;

export function schemaFile(version: string, kind: 'MicrosoftTeams' | 'MicrosoftTeams.Localization'): string {
  return path.join(SCHEMA_ROOT, `v${version}`, `${kind}.schema.json`);
}

// the official schemas hold patterns that are valid only without the u flag (an unescaped "]")
// both are CommonJS modules whose export is also their .default
const ajv = new ajvDraft04.default({ allErrors: true, strict: false, unicodeRegExp: false });
ajvFormats.default(ajv, ['uri', 'email', 'regex']);
const validators = new Map<string, ReturnType<typeof ajv.compile>>();

function validatorFor(file: string) {
  let v = validators.get(file);
  if (!v) {
    v = ajv.compile(JSON.parse(readFileSync(file, 'utf8')));
    validators.set(file, v);
  }
  return v;
}

function schemaProblems(file: string, label: string, doc: unknown): string[] {
  const validate = validatorFor(file);
  if (validate(doc)) return [];
  return (validate.errors ?? []).map((e) => {
    const at = e.instancePath || '/';
    const extra = e.keyword === 'additionalProperties' ? ` (${(e.params as { additionalProperty: string }).additionalProperty})` : e.keyword === 'enum' ? ` (${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')})` : '';
    return `${label} ${at}: ${e.message ?? e.keyword}${extra}`;
  });
}

/** Every problem with the package, in Swedish; empty when Teams should accept it. */
export function checkAppPackage(files: Map<string, Buffer>): string[] {
  const problems: string[] = [];
  const raw = files.get('manifest.json');
  if (!raw) return ['manifest.json saknas i paketet.'];
  const text = raw.toString('utf8');
  const unfilled = text.match(/\$\{\{[^}]*\}\}/g);
  if (unfilled) problems.push(`manifest.json har ofyllda platshållare: ${[...new Set(unfilled)].join(', ')}`);
  let manifest: Manifest;
  try {
    manifest = JSON.parse(text) as Manifest;
  } catch (e) {
    return [...problems, `manifest.json är inte giltig JSON: ${(e as Error).message}`];
  }

  const version = manifest.manifestVersion ?? '';
  const schema = schemaFile(version, 'MicrosoftTeams');
  if (!existsSync(schema)) {
    problems.push(`manifestVersion "${version}" har inget schema i @microsoft/app-manifest (${path.relative(process.cwd(), path.dirname(schema))} saknas).`);
  } else {
    problems.push(...schemaProblems(schema, 'manifest.json', manifest));
  }

  for (const [list, commandList] of (manifest.bots?.[0]?.commandLists ?? []).entries()) {
    const seen = new Set<string>();
    for (const c of commandList.commands) {
      if (seen.has(c.title.toLowerCase())) problems.push(`manifest.json /bots/0/commandLists/${list}: kommandot "${c.title}" finns två gånger`);
      seen.add(c.title.toLowerCase());
    }
  }

  for (const { languageTag, file } of manifest.localizationInfo?.additionalLanguages ?? []) {
    problems.push(...checkLanguageFile(files, manifest, version, languageTag, file));
  }

  for (const [key, rule] of Object.entries(ICONS)) {
    const name = manifest.icons?.[key as keyof typeof ICONS];
    if (!name) continue;
    const content = files.get(name);
    if (!content) problems.push(`ikonen ${name} (icons.${key}) saknas i paketet`);
    else problems.push(...checkIcon(name, content, rule.size, rule.outline));
  }
  return problems;
}

function checkLanguageFile(files: Map<string, Buffer>, manifest: Manifest, version: string, tag: string, file: string): string[] {
  const content = files.get(file);
  if (!content) return [`språkfilen ${file} (${tag}) saknas i paketet`];
  let strings: Record<string, unknown>;
  try {
    strings = JSON.parse(content.toString('utf8')) as Record<string, unknown>;
  } catch (e) {
    return [`${file} är inte giltig JSON: ${(e as Error).message}`];
  }
  const problems: string[] = [];
  const schema = schemaFile(version, 'MicrosoftTeams.Localization');
  if (existsSync(schema)) problems.push(...schemaProblems(schema, file, strings));
  // a key must name a string the manifest has, or Teams rejects the package
  for (const key of Object.keys(strings)) {
    if (key === '$schema' || key === 'localizationKeys') continue;
    if (typeof valueAt(manifest, key) !== 'string') problems.push(`${file}: "${key}" finns inte i manifest.json`);
  }
  return problems;
}

/** The value at a localization key such as "bots[0].commandLists[1].commands[2].title". */
function valueAt(doc: unknown, key: string): unknown {
  let node = doc;
  for (const part of key.match(/[^.[\]]+/g) ?? []) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

function checkIcon(name: string, content: Buffer, size: number, outline: boolean): string[] {
  let png: PNG;
  try {
    png = PNG.sync.read(content);
  } catch (e) {
    return [`${name} är inte en PNG-bild: ${(e as Error).message}`];
  }
  if (png.width !== size || png.height !== size) return [`${name} är ${png.width}×${png.height} pixlar, ska vara ${size}×${size}`];
  if (!outline) return [];
  let transparent = 0;
  let coloured = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    if (png.data[i + 3] === 0) transparent++;
    else if (png.data[i] !== 255 || png.data[i + 1] !== 255 || png.data[i + 2] !== 255) coloured++;
  }
  const problems: string[] = [];
  if (transparent === 0) problems.push(`${name} ska ha genomskinlig bakgrund (konturikonen)`);
  if (coloured > 0) problems.push(`${name} har ${coloured} pixlar som inte är vita; konturikonen ska vara vit på genomskinligt`);
  return problems;
}
