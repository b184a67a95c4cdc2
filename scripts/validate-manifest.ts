/**
 * npm run validate:manifest [-- --env <namn>] [paket.zip] — checks the Teams
 * app package offline: the manifest against the official JSON schema of its
 * manifestVersion, the language files, and the icons' sizes. Given a zip it
 * checks that file (what an admin uploads); otherwise the manifest/ sources,
 * filled as npm run package fills them.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { checkAppPackage } from './teams-app/app-check.js';
import { buildAppPackage, PackageError, readEnvFiles, unzipAppPackage } from './teams-app/app-package.js';

const { values: args, positionals } = parseArgs({ options: { env: { type: 'string' } }, allowPositionals: true });

try {
  let files: Map<string, Buffer>;
  if (positionals[0]) {
    files = await unzipAppPackage(readFileSync(positionals[0])).catch((e: Error) => {
      throw new PackageError(`${positionals[0]} går inte att läsa som zip: ${e.message}`);
    });
  } else {
    const env = { ...(args.env ? readEnvFiles(args.env) : {}), ...Object.fromEntries(Object.entries(process.env).filter(([, v]) => v)) };
    const pkg = buildAppPackage(env, { requireBotId: !!args.env });
    for (const w of pkg.warnings) console.warn(`! ${w}`);
    files = pkg.files;
  }
  const problems = checkAppPackage(files);
  if (problems.length) throw new PackageError(`${problems.length} fel:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8')) as { manifestVersion: string };
  console.log(`✓ manifestet följer schemat för version ${manifest.manifestVersion}; språkfiler och ikoner stämmer (${[...files.keys()].join(', ')})`);
} catch (e) {
  if (!(e instanceof PackageError)) throw e;
  console.error(`✗ ${e.message}`);
  process.exitCode = 1;
}
