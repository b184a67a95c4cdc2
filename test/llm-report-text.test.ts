/**
 * A manager's free-text report read by the language model into proposed
 * values for their own items (the collection feature shows them for
 * confirmation before anything is stored). Only numbers written in the text,
 * for the manager's items and their groups, survive.
 */
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../services/config.js';
import { createLanguageModel, type LanguageModel } from '../services/llm/language-model.js';
import type { ReportItem } from '../services/llm/report-text-parser.js';
import { OpenAiStandIn, toolCall } from './support/openai-stand-in.js';

const ITEMS: ReportItem[] = [
  { key: 'sjukfranvaro', name: 'Total sjukfrånvaro', unit: '%', groups: ['Män', 'Kvinnor'] },
  { key: 'personalavgangar', name: 'Personalavgångar externt', unit: '%' },
  { key: 'hemtjanst-timmar', name: 'Hemtjänst, timmar', unit: 'timmar' },
];
const TEXT = 'Sjukfrånvaron landade på 7,9 procent, 6,1 för män. Avgångarna var 3,5 %. Hemtjänsten utförde 1 204 timmar.';

let server: OpenAiStandIn;
let model: LanguageModel;

beforeAll(async () => {
  server = await new OpenAiStandIn().start();
  const log = pino({ level: 'silent' }, new Writable({ write: (_c, _e, done) => done() }));
  model = createLanguageModel(loadConfig({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: `${server.url}/v1`, LLM_TIMEOUT_MS: '1000' }), log)!;
});
afterAll(() => server.stop());

const values = (list: Array<{ key: string; value: number; group: string | null; unit: string | null }>) => toolCall('foreslaa_varden', { values: list });

describe('a free-text report', () => {
  it('becomes proposed values for the manager\'s items, with groups and the unit as written', async () => {
    server.script = () =>
      values([
        { key: 'sjukfranvaro', value: 7.9, group: null, unit: 'procent' },
        { key: 'sjukfranvaro', value: 6.1, group: 'Män', unit: null },
        { key: 'personalavgangar', value: 3.5, group: null, unit: '%' },
      ]);
    expect(await model.readReport('chef-1', TEXT, ITEMS)).toEqual([
      { key: 'sjukfranvaro', value: 7.9, unit: 'procent' },
      { key: 'sjukfranvaro', value: 6.1, group: 'Män' },
      { key: 'personalavgangar', value: 3.5, unit: '%' },
    ]);
  });

  it('sends the text and the items through one strict function limited to the items\' keys', async () => {
    server.script = () => values([]);
    await model.readReport('chef-anna-andersson', TEXT, ITEMS);
    const body = server.completions.at(-1)!.body as { messages: Array<{ role: string; content: string }>; tools: Array<{ function: { name: string; strict: boolean; parameters: { properties: { values: { items: { properties: { key: { enum: string[] }; group: unknown } } } } } } }> };
    expect(body.messages.at(-1)).toEqual({ role: 'user', content: TEXT });
    expect(body.messages[0]!.content).toContain('Total sjukfrånvaro (%); grupper: Män, Kvinnor');
    const fn = body.tools[0]!.function;
    expect(fn).toMatchObject({ name: 'foreslaa_varden', strict: true });
    expect(fn.parameters.properties.values.items.properties.key.enum).toEqual(['sjukfranvaro', 'personalavgangar', 'hemtjanst-timmar']);
    expect(server.completions.at(-1)!.raw).not.toContain('chef-anna-andersson');
  });

  it('drops values not written in the text, items the manager does not have, unknown groups and repeats', async () => {
    server.script = () =>
      values([
        { key: 'sjukfranvaro', value: 7.9, group: null, unit: null },
        { key: 'sjukfranvaro', value: 8.2, group: 'Kvinnor', unit: null }, // not in the text
        { key: 'sjukfranvaro', value: 7.9, group: null, unit: null }, // the same place again
        { key: 'sjukfranvaro', value: 6.1, group: 'Ungdomar', unit: null }, // no such group
        { key: 'lonekostnad', value: 3.5, group: null, unit: null }, // no such item
        { key: 'personalavgangar', value: 35, group: null, unit: '%' }, // 3,5 read wrong
      ]);
    expect(await model.readReport('chef-1', TEXT, ITEMS)).toEqual([{ key: 'sjukfranvaro', value: 7.9 }]);
  });

  it('reads thousands written with a space', async () => {
    server.script = () => values([{ key: 'hemtjanst-timmar', value: 1204, group: null, unit: 'timmar' }]);
    expect(await model.readReport('chef-1', TEXT, ITEMS)).toEqual([{ key: 'hemtjanst-timmar', value: 1204, unit: 'timmar' }]);
  });

  it('gives no proposal when the model fails or answers outside the schema', async () => {
    server.script = () => ({ status: 500, body: { error: { message: 'fel' } } });
    expect(await model.readReport('chef-1', TEXT, ITEMS)).toBeUndefined();
    server.script = () => toolCall('foreslaa_varden', '{"values": [');
    expect(await model.readReport('chef-1', TEXT, ITEMS)).toBeUndefined();
    server.script = () => toolCall('foreslaa_varden', { values: [{ key: 'sjukfranvaro', value: '7,9', group: null, unit: null }] });
    expect(await model.readReport('chef-1', TEXT, ITEMS)).toBeUndefined();
  });
});
