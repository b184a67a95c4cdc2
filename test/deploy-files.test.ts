/**
 * The deployment files, checked for what would break a deployment that
 * cannot be run here (no Docker engine, no Azure): the image carries every
 * folder the code reads at run time, the Agents Toolkit finds a value for every
 * placeholder, and every setting is documented.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { configSchema } from '../services/config.js';
import { projectPath } from '../services/paths.js';
import { packageEnv } from '../scripts/teams-app/app-package.js';

const read = (...p: string[]) => readFileSync(projectPath(...p), 'utf8');
const docs = () =>
  readdirSync(projectPath('docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => read('docs', f))
    .join('\n');

/** Every file of a folder, recursively, relative to the project. */
function sources(dir: string): string[] {
  return readdirSync(projectPath(dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => path.join(e.parentPath, e.name));
}

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');
  // the running image: the last stage, after the last FROM
  const runtime = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
  const copied = [...runtime.matchAll(/^COPY (?!--from)(.+?) \.\/(\S*)$/gm)].map((m) => m[1]!.split(' ')).flat();

  it('copies every folder the bot reads at run time', () => {
    const read = new Set<string>();
    for (const file of [...sources('services'), ...sources('bot')]) {
      for (const m of readFileSync(file, 'utf8').matchAll(/projectPath\(([^)]*)\)/g)) {
        const parts = [...m[1]!.matchAll(/'([^']+)'/g)].map((p) => p[1]!);
        if (parts.length) read.add(parts.join('/'));
      }
    }
    expect([...read].sort()).toEqual(expect.arrayContaining(['cards', 'services/store/migrations']));
    for (const dir of read) expect(copied.some((c) => dir === c || dir.startsWith(`${c}/`)), `${dir} saknas i Dockerfile`).toBe(true);
    expect(copied).toContain('package.json');
  });

  it('runs what npm run start:prod runs, as an unprivileged user, with a health check', () => {
    const { scripts } = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
    const cmd = JSON.parse(/^CMD (\[.*\])$/m.exec(dockerfile)![1]!) as string[];
    expect(cmd.join(' ')).toBe(scripts['start:prod']);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK .*\n?.*\/health/m);
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
    expect([...dockerfile.matchAll(/^FROM \$\{NODE_IMAGE\}/gm)]).toHaveLength(3);
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:20-/m);
  });
});

describe('Microsoft 365 Agents Toolkit files', () => {
  const yml = parse(read('m365agents.yml')) as Record<string, Array<{ uses: string; with?: Record<string, unknown>; writeToEnvironmentFile?: Record<string, string> }>>;
  const env = Object.fromEntries(
    read('env', '.env.dev')
      .split('\n')
      .filter((l) => /^[A-Za-z_]\w*=/.test(l))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );

  it('provision, deploy and publish with the project\'s own manifest and infrastructure', () => {
    expect(yml.provision!.map((s) => s.uses)).toEqual(['teamsApp/create', 'arm/deploy', 'teamsApp/validateManifest', 'teamsApp/zipAppPackage', 'teamsApp/validateAppPackage', 'teamsApp/update']);
    expect(yml.deploy!.map((s) => s.uses)).toEqual(['cli/runNpmCommand', 'cli/runNpmCommand', 'azureAppService/zipDeploy']);
    expect(yml.publish!.at(-1)!.uses).toBe('teamsApp/publishAppPackage');
    for (const file of ['manifest/manifest.json', 'infra/azure.bicep', 'infra/azure.parameters.json', '.webappignore']) expect(existsSync(projectPath(file)), file).toBe(true);
  });

  it('have a value or a writer for every placeholder the toolkit fills', () => {
    const written = new Set([
      ...Object.values(yml.provision!.flatMap((s) => Object.values(s.writeToEnvironmentFile ?? {}))),
      ...[...read('infra', 'azure.bicep').matchAll(/^output (\w+) /gm)].map((m) => m[1]!),
    ]);
    const used = new Set<string>();
    for (const file of ['m365agents.yml', 'manifest/manifest.json', 'manifest/en.json', 'infra/azure.parameters.json']) {
      for (const m of read(file).matchAll(/\$\{\{\s*(\w+)\s*\}\}/g)) used.add(m[1]!);
    }
    const missing = [...used].filter((v) => !(v in env) && !written.has(v));
    expect(missing).toEqual([]);
    for (const v of ['DEVELOPER_WEBSITE_URL', 'PRIVACY_URL', 'TERMS_OF_USE_URL']) expect(env[v], v).toMatch(/^https:\/\//);
  });

  it('keep secrets and build output out of git', () => {
    const ignored = read('.gitignore').split('\n');
    expect(ignored).toEqual(expect.arrayContaining(['env/.env.*.user', 'manifest/build/', 'test-output/']));
  });
});

describe('documentation', () => {
  it('names every configuration variable', () => {
    const text = docs();
    const missing = Object.keys(configSchema.shape).filter((k) => !text.includes(`\`${k}\``) && !new RegExp(`\\b${k}\\b`).test(text));
    expect(missing).toEqual([]);
  });

  it('names every variable of the app package', () => {
    const text = read('docs', 'teams-and-deploy.md');
    expect(Object.keys(packageEnv.shape).filter((k) => !text.includes(k))).toEqual([]);
  });
});
