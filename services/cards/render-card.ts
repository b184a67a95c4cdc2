/**
 * Fills the card templates in cards/ (Adaptive Cards 1.5) with data using
 * adaptivecards-templating. Templates are read once and kept.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { projectPath } from '../paths.js';
import * as ACData from 'adaptivecards-templating';

export type AdaptiveCard = Record<string, unknown> & { type: 'AdaptiveCard'; version: string };

const CARDS_DIR = projectPath('cards');
const templates = new Map<string, ACData.Template>();


export function renderCard(name: string, data: object): AdaptiveCard {
  let template = templates.get(name);
  if (!template) {
    template = new ACData.Template(JSON.parse(readFileSync(path.join(CARDS_DIR, `${name}.json`), 'utf8')));
    templates.set(name, template);
  }
  return finish(template.expand({ $root: data })) as AdaptiveCard;
}

/** A card with buttons added after rendering, finished by the same rules (their fallbacks). */
export function finishCard(card: AdaptiveCard): AdaptiveCard {
  return finish(card) as AdaptiveCard;
}

const UNBOUND = /\$\{[^}]*\}/g;

/**
 * Drops what an optional field left unbound (a colour, an alignment) and empty
 * action lists, and gives every Action.Execute its Action.Submit fallback (same
 * title and data) for Teams clients without Universal Actions — one rule here
 * rather than a copy in every template. Copy-on-write: a node is copied only
 * when something in it changes, so data objects a template bound as they are
 * (a button's data) are never altered.
 */
function finish(node: unknown): unknown {
  if (Array.isArray(node)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < node.length; i++) {
      const v = finish(node[i]);
      if (v !== node[i] && !out) out = node.slice(0, i);
      out?.push(v);
    }
    return out ?? node;
  }
  if (node && typeof node === 'object') {
    const obj = node as Record<string, unknown>;
    const keys = Object.keys(obj);
    let out: Record<string, unknown> | undefined;
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]!;
      const v = obj[k];
      let next = v;
      let drop = false;
      if (typeof v === 'string') {
        if (v.includes('${')) {
          next = v.replace(UNBOUND, '');
          drop = (next as string).trim() === '' && k !== 'text';
        }
      } else if (Array.isArray(v) && v.length === 0) drop = k === 'actions';
      else next = finish(v);
      if ((drop || next !== v) && !out) {
        out = {};
        for (let j = 0; j < i; j++) out[keys[j]!] = obj[keys[j]!];
      }
      if (out && !drop) out[k] = next;
    }
    if (obj.type === 'Action.Execute' && obj.fallback === undefined) {
      const action = out ?? { ...obj };
      action.fallback = { type: 'Action.Submit', title: action.title, data: action.data };
      return action;
    }
    return out ?? node;
  }
  return node;
}
