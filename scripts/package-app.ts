/**
 * npm run package [-- --env <namn>] [--out <fil.zip>] — writes the Teams app
 * package (manifest, language files, icons) with the placeholders filled from
 * the environment, after checking it as validate:manifest does.
 *
 * Without --env the values come from the process environment alone and a
 * missing BOT_ID becomes a placeholder id (the package validates but cannot be
 * installed); with --env, env/.env.<namn> is read too and BOT_ID is required.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { checkAppPackage } from './teams-app/app-check.js';
import { buildAppPackage, MANIFEST_DIR, PackageError, readEnvFiles, zipAppPackage } from './teams-app/app-package.js';

const { values: args } = parseArgs({ options: { env: { type: 'string' }, out: { type: 'string' } } });

try {
  const env = { ...(args.env ? readEnvFiles(args.env) : {}), ...definedOnly(process.env) };
  const pkg = buildAppPackage(env, { requireBotId: !!args.env });
  for (const w of pkg.warnings) console.warn(`! ${w}`);
  const problems = checkAppPackage(pkg.files);
  if (problems.length) throw new PackageError(`Paketet är inte giltigt:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  const out = path.resolve(args.out ?? path.join(MANIFEST_DIR, 'build', `rapportboten-${args.env ?? 'lokal'}.zip`));
  mkdirSync(path.dirname(out), { recursive: true });
  const zip = await zipAppPackage(pkg);
  writeFileSync(out, zip);
  console.log(`✓ ${path.relative(process.cwd(), out)} (${zip.length} byte): ${[...pkg.files.keys()].join(', ')}`);
  console.log(`  app-id ${pkg.values.TEAMS_APP_ID}, bot-id ${pkg.values.BOT_ID}, version ${pkg.values.APP_VERSION}`);
} catch (e) {
  if (!(e instanceof PackageError)) throw e;
  console.error(`✗ ${e.message}`);
  process.exitCode = 1;
}

function definedOnly(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((kv): kv is [string, string] => kv[1] !== undefined && kv[1] !== ''));
}
