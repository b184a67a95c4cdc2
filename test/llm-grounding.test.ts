/**
 * The grounding check of model-written text: every number must be one the
 * sources show, read the Swedish way (thousands spaces, minus signs, decimal
 * comma, units and scale words).
 */
import { describe, expect, it } from 'vitest';
import { numbersIn, ungroundedNumbers } from '../services/llm/number-grounding.js';

const NBSP = '\u00a0';
const MINUS = '\u2212';

describe('reading Swedish numbers', () => {
  it('reads thousands separated by space, no-break or thin space, and a decimal comma', () => {
    expect(numbersIn('1 800,9 mnkr').map((n) => n.value)).toEqual([1800.9]);
    expect(numbersIn(`1${NBSP}800,9`).map((n) => n.value)).toEqual([1800.9]);
    expect(numbersIn('1\u2009800,9 och 3\u202f200 000').map((n) => n.value)).toEqual([1800.9, 3200000]);
  });

  it('keeps neighbouring years and counts apart', () => {
    expect(numbersIn('under 2023 200 placeringar, 2024–2027').map((n) => n.value)).toEqual([2023, 200, 2024, 2027]);
  });

  it('reads units and scale words', () => {
    expect(numbersIn('83 mkr')[0]).toMatchObject({ value: 83, kind: 'belopp', scaled: 83e6 });
    expect(numbersIn('1,5 miljoner kronor')[0]).toMatchObject({ value: 1.5, kind: 'belopp', scaled: 1.5e6 });
    expect(numbersIn('15 %')[0]).toMatchObject({ value: 15, kind: 'procent' });
    expect(numbersIn('15%')[0]).toMatchObject({ value: 15, kind: 'procent' });
    expect(numbersIn('tre miljoner')[0]).toMatchObject({ value: 3, scaled: 3e6 });
  });

  it('does not read citation markers or codes inside names as figures', () => {
    expect(numbersIn('ökade kostnader [1][2] enligt PM3 och R9')).toEqual([]);
  });
});

describe('grounding', () => {
  const passage = `Prognosen visar ett underskott på ${MINUS}9,8 mnkr. Nettokostnaden är 1 800,9 mnkr, Leanlink räknar med −83 mkr och sjukfrånvaron är 15 %. Åtgärderna ger 1 500 tkr.`;

  it('accepts figures copied from the sources, in any Swedish spelling of the same number', () => {
    expect(ungroundedNumbers(`Underskottet är 9,8 mnkr [1].`, [passage])).toEqual([]);
    expect(ungroundedNumbers(`Underskottet är -9,8 mnkr och kostnaden 1${NBSP}800,9 mnkr.`, [passage])).toEqual([]);
    expect(ungroundedNumbers('Underskottet är \u20139,8 mnkr.', [passage])).toEqual([]);
    expect(ungroundedNumbers('Leanlink räknar med 83 miljoner kronor.', [passage])).toEqual([]);
    expect(ungroundedNumbers('Sjukfrånvaron är 15 procent.', [passage])).toEqual([]);
    expect(ungroundedNumbers('Åtgärderna ger 1,5 miljoner kronor.', [passage])).toEqual([]);
    expect(ungroundedNumbers('Avvikelsen mot budget: 9,8.', [`avvikelse jan–mars 2024: ${MINUS}9,8 mnkr (underskott)`])).toEqual([]);
  });

  it('rejects a number the sources do not show, also a rounded or rescaled one', () => {
    expect(ungroundedNumbers('Underskottet är 12,4 mnkr.', [passage])).toEqual(['12,4 mnkr']);
    expect(ungroundedNumbers('Nettokostnaden är cirka 1 801 mnkr.', [passage])).toEqual(['1 801 mnkr']);
    expect(ungroundedNumbers('Leanlink räknar med 83 tkr.', [passage])).toEqual(['83 tkr']);
    expect(ungroundedNumbers('Underskottet är 9,8 procent.', [passage])).toEqual(['9,8 procent']);
    expect(ungroundedNumbers('Sjukfrånvaron ökade med 15 mnkr.', [passage])).toEqual(['15 mnkr']);
    expect(ungroundedNumbers('Det saknas tre miljoner.', [passage])).toEqual(['tre miljoner']);
  });
});
