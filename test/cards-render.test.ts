/**
 * The main cards rendered by the Adaptive Cards JavaScript renderer in
 * headless Chromium, with a Teams-like host config, and saved as PNGs in
 * test-output/cards/ (git-ignored) for a person to look at. Checks what a
 * reader would notice: the figures are on screen, underskott is red, and
 * nothing is cut off at the card's edge.
 *
 * Needs Chromium (Debian: apt-get install chromium); without it the test is
 * skipped and says so. CHROMIUM_PATH points elsewhere.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { projectPath } from '../services/paths.js';
import { CARD_SAMPLES, startCardApp, type Card } from './support/card-samples.js';
import type { TestApp } from './support/test-app.js';
import { CARD_WIDTH, TEAMS_LIGHT } from './support/teams-host-config.js';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const OUT = projectPath('test-output', 'cards');
const RENDERER = createRequire(import.meta.url).resolve('adaptivecards/dist/adaptivecards.min.js');
/**
 * Teams' look around the renderer: buttons as Teams draws them, wrapping onto
 * a new row when a row is full (as the Agents Playground shows) instead of
 * the stock renderer's clipping.
 */
const TEAMS_CSS = `
  body { margin: 0; padding: 20px; background: #f5f5f5; }
  #card { background: #fff; border: 1px solid #e0e0e0; border-radius: 6px; overflow: hidden; }
  .ac-actionSet { flex-wrap: wrap; row-gap: 8px; }
  .ac-pushButton { background: #fff; border: 1px solid #d1d1d1; border-radius: 4px; padding: 5px 12px; font: 600 14px 'Segoe UI', 'DejaVu Sans', sans-serif; color: #242424; max-width: 100%; }
`;
const MAIN = ['valkommen', 'prognos', 'rangordning', 'jamforelse', 'indikator', 'mal', 'uppdrag', 'forklaring', 'atgardsplan', 'investering', 'tvetydig', 'två-poster', 'indikatorfamilj', 'leanlink-tkr', 'insamling-kort', 'insamling-status', 'avvikelse'];

interface Rendered {
  text: string;
  /** elements whose content is wider than their box: clipped text, squeezed table columns */
  clipped: string[];
  /** CSS colour of the element showing each of the given texts */
  colours: Record<string, string>;
  errors: string[];
}

if (!existsSync(CHROMIUM)) {
  describe('cards in Chromium', () => {
    it.skip(`hoppas över: ingen Chromium på ${CHROMIUM} (apt-get install chromium, eller sätt CHROMIUM_PATH)`, () => {});
  });
} else {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  const cards = new Map<string, Card>();

  beforeAll(async () => {
    const { chromium } = await import('playwright-core');
    mkdirSync(OUT, { recursive: true });
    t = await startCardApp();
    for (const sample of CARD_SAMPLES.filter((s) => MAIN.includes(s.name))) cards.set(sample.name, await sample.get(t));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage({ viewport: { width: CARD_WIDTH.full + 40, height: 600 } });
    await page.setContent(`<!doctype html><html lang="sv"><head><style>${TEAMS_CSS}</style></head><body><div id="card"></div></body></html>`);
    await page.addScriptTag({ path: RENDERER });
    await page.addScriptTag({ path: projectPath('test', 'support', 'card-page.js') });
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function render(card: Card, find: string[] = []): Promise<Rendered> {
    const width = (card.msteams as { width?: string } | undefined)?.width === 'Full' ? CARD_WIDTH.full : CARD_WIDTH.normal;
    return page.evaluate(
      ([card, hostConfig, width, find]) => (globalThis as unknown as { renderCard: (...a: unknown[]) => Rendered }).renderCard(card, hostConfig, width, find),
      [card, TEAMS_LIGHT, width, find] as const,
    );
  }

  const shoot = (name: string) => page.locator('#card').screenshot({ path: `${OUT}/${name}.png` });

  describe('cards in Chromium (test-output/cards/*.png)', () => {
    it.each(MAIN)('%s renders with its figures and nothing cut off', async (name) => {
      const sample = CARD_SAMPLES.find((s) => s.name === name)!;
      const r = await render(cards.get(name)!);
      await shoot(name);
      expect(r.errors).toEqual([]);
      expect(r.text).toMatch(sample.shows);
      expect(r.clipped).toEqual([]);
    });

    it('shows an underskott in red and a surplus in green', async () => {
      const r = await render(cards.get('rangordning')!, ['−9,8 mnkr', '2,4 mnkr']);
      expect(r.colours['−9,8 mnkr']).toBe('rgb(196, 49, 75)');
      expect(r.colours['2,4 mnkr']).toBe('rgb(14, 112, 14)');
    });
  });
}
