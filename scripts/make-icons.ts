/**
 * npm run icons — draws manifest/color.png and manifest/outline.png from
 * scripts/teams-app/icons.ts. Run it after changing the drawing; the test
 * suite checks that the committed icons are what the code draws.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { MANIFEST_DIR } from './teams-app/app-package.js';
import { colorIcon, outlineIcon } from './teams-app/icons.js';

for (const [name, png] of [['color.png', colorIcon()], ['outline.png', outlineIcon()]] as const) {
  writeFileSync(path.join(MANIFEST_DIR, name), png);
  console.log(`✓ manifest/${name} (${png.length} byte)`);
}
