/**
 * Every card template in cards/, filled with real figures from the store by
 * the bot's own answering, is a valid Adaptive Card 1.5 as the adaptivecards
 * library parses it, and small enough for a Teams message.
 */
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CARD_SAMPLES, cardWords, fromTemplate, readTemplate, startCardApp, templateNames, type Card } from './support/card-samples.js';
import type { TestApp } from './support/test-app.js';

// the package's ESM build has extension-less imports Node cannot load; its UMD bundle needs no DOM to parse
const AC = createRequire(import.meta.url)('adaptivecards/dist/adaptivecards.js') as typeof import('adaptivecards');

/** Teams' limit for a whole message is about 28 KB; the card leaves room for the text and envelope. */
const MAX_CARD_BYTES = 25 * 1024;

let t: TestApp;
const cards = new Map<string, Card>();

beforeAll(async () => {
  t = await startCardApp();
  for (const sample of CARD_SAMPLES) cards.set(sample.name, await sample.get(t));
});
afterAll(() => t?.close());

/** What the adaptivecards library reports when it parses the card as a 1.5 host would. */
function parseProblems(json: Card): string[] {
  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  card.parse(json, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) problems.push(context.getEventAt(i).message);
  for (const e of card.validateProperties().validationEvents) problems.push(e.message);
  return problems;
}

describe.each(CARD_SAMPLES.map((s) => [s.name, s] as const))('kort: %s', (name, sample) => {
  const card = () => cards.get(name)!;

  it('shows what was asked for', () => {
    expect(cardWords(card())).toMatch(sample.shows);
  });

  it(`is filled from cards/${sample.template}.json`, () => {
    expect(fromTemplate(card(), readTemplate(sample.template))).toBe(true);
  });

  it('is a valid Adaptive Card 1.5', () => {
    expect(card()).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    expect(parseProblems(card())).toEqual([]);
  });

  it('has every template expression filled and no empty values', () => {
    const json = JSON.stringify(card());
    expect(json).not.toMatch(/\$\{|\$data|\$when/);
    expect(cardWords(card())).not.toMatch(/\bundefined\b|\bNaN\b|\bnull\b|\[object Object\]/);
  });

  it('gives every Action.Execute button an Action.Submit fallback with the same title and data', () => {
    const actions: Array<Record<string, unknown>> = [];
    JSON.stringify(card(), (_k, v: unknown) => {
      if (v && typeof v === 'object' && (v as { type?: unknown }).type === 'Action.Execute') actions.push(v as Record<string, unknown>);
      return v;
    });
    for (const a of actions) expect(a.fallback).toEqual({ type: 'Action.Submit', title: a.title, data: a.data });
  });

  it(`is under ${MAX_CARD_BYTES / 1024} KB`, () => {
    expect(Buffer.byteLength(JSON.stringify(card()))).toBeLessThan(MAX_CARD_BYTES);
  });
});

describe('the card checks themselves', () => {
  it('cover every template in cards/', () => {
    const covered = new Set(CARD_SAMPLES.map((s) => s.template));
    // a new template needs a sample in test/support/card-samples.ts that makes the bot fill it
    expect(templateNames().filter((name) => !covered.has(name))).toEqual([]);
  });

  it('tell one template from another', () => {
    const answer = cards.get('prognos')!;
    expect(fromTemplate(answer, readTemplate('answer'))).toBe(true);
    expect(fromTemplate(answer, readTemplate('choice'))).toBe(false);
    expect(fromTemplate(cards.get('tvetydig')!, readTemplate('welcome'))).toBe(false);
  });

  it('catch what Teams would not render', () => {
    const bad = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'x', color: 'red' }, { type: 'Graph' }] };
    expect(parseProblems(bad)).toEqual(['Invalid value "red" for property "color".', 'Unknown element type "Graph". Fallback will be used if present.']);
  });
});
