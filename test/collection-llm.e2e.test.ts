/**
 * With a language model configured, a chat message whose figures the
 * deterministic reading cannot place is read by the model — and only shown on
 * the card for the manager to check and send; nothing is stored from the
 * model's reading alone. The model is a local OpenAI-compatible stand-in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, monthName, stockholmDate } from '../services/collection/swedish-dates.js';
import { aadObjectId } from './support/connector-stand-in.js';
import { GraphStandIn } from './support/graph-stand-in.js';
import { OpenAiStandIn, toolCall } from './support/openai-stand-in.js';
import { cardOf, readable, startTestApp, type TestApp } from './support/test-app.js';

const MANAGER = { id: 'lm', upn: 'lena.modell@linkoping.se', name: 'Lena Modell' };
let t: TestApp;
let graph: GraphStandIn;
let model: OpenAiStandIn;

beforeAll(async () => {
  graph = await new GraphStandIn(new Map([[MANAGER.upn, { id: aadObjectId(MANAGER.id), displayName: MANAGER.name }]])).start();
  model = await new OpenAiStandIn().start();
  t = await startTestApp({ CONTROLLERS: aadObjectId('ctrl'), OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: `${model.url}/v1`, LLM_TIMEOUT_MS: '2000', ...graph.env() });
  await t.teams.say('hej', { userId: 'ctrl' });
  await t.teams.say('hej', { userId: MANAGER.id });
  for (const item of ['heltid', 'sjukfrånvaro']) await t.teams.say(`ansvar ${item} SoN: ${MANAGER.upn}`, { userId: 'ctrl' });
  const [y, m, d] = addDays(stockholmDate(new Date()), 10).split('-').map(Number) as [number, number, number];
  model.script = () => ({ status: 500, body: {} }); // the question interpreter is not what this test is about
  await t.teams.say(`starta insamling för SoN delår augusti 2026, sista dag ${d} ${monthName(m)} ${y}`, { userId: 'ctrl' });
  await t.connector.waitFor(() => t.connector.sent(`a:personal-${MANAGER.id}`).some((a) => /^Dags att rapportera/.test(String(a.text))), 15_000, 'kortet');
});
afterAll(async () => {
  await t?.close();
  await Promise.all([graph?.stop(), model?.stop()]);
});

const values = () => t.app.db.query('select item_key from collection_value');
type Input = { id?: string; value?: unknown };
const inputs = (card: unknown): Input[] => {
  const out: Input[] = [];
  const walk = (n: unknown) => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      const o = n as Record<string, unknown>;
      if (typeof o.type === 'string' && o.type.startsWith('Input.')) out.push(o as Input);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out;
};

describe('a chat report the deterministic reading cannot place', () => {
  it('is read by the model and shown on the card to check; nothing is stored until the manager sends it', async () => {
    model.script = () => toolCall('foreslaa_varden', { values: [{ key: 'sjukfranvaro', value: 7.9, group: null, unit: null }, { key: 'heltid', value: 81, group: null, unit: null }] });
    const { replies } = await t.teams.say('vi landade på 7,9 i sjukfrånvaro och 81 i heltid', { userId: MANAGER.id });
    expect(readable(replies)).toMatch(/Kontrollera min tolkning på kortet och tryck Skicka — inget är sparat ännu/);
    expect(readable(replies)).toMatch(/med hjälp av en språkmodell/);
    const card = cardOf(replies[0]!)!;
    const prefilled = Object.fromEntries(inputs(card).filter((i) => i.id?.endsWith('.v')).map((i) => [i.id, i.value]));
    expect(prefilled).toEqual({ 'heltid.v': 81, 'sjukfranvaro.v': 7.9 });
    expect(await values()).toEqual([]);

    const submit = (card.actions as Array<{ verb?: string; data?: Record<string, unknown> }>).find((a) => a.verb === 'insamling-skicka')!.data!;
    const sent = await t.teams.execute('insamling-skicka', { ...submit, 'heltid.v': '81', 'sjukfranvaro.v': '7.9', 'heltid.na': 'false', 'sjukfranvaro.na': 'false' }, { userId: MANAGER.id });
    expect(JSON.stringify(sent.body)).toMatch(/Tack! Allt är inrapporterat/);
    expect((await values()).length).toBe(2);
  });

  it('keeps only numbers written in the text: a model that invents one gets nothing through, and the manager is told how to write it', async () => {
    model.script = () => toolCall('foreslaa_varden', { values: [{ key: 'heltid', value: 99, group: null, unit: null }] });
    const { replies } = await t.teams.say('det blev 82 i heltid men 8 i sjukfrånvaro', { userId: MANAGER.id });
    expect(readable(replies)).toMatch(/Jag ser inte säkert vilket värde som hör till vilken uppgift\. Skriv namnet före värdet/);
    const [heltid] = await t.app.db.query<{ value: string }>(`select value::text from collection_value where item_key = 'heltid'`);
    expect(heltid!.value).toBe('81');
  });
});
