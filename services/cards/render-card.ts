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
  return prune(template.expand({ $root: data })) as AdaptiveCard;
}

const UNBOUND = /\$\{[^}]*\}/g;

/** Drops what an optional field left unbound (a colour, an alignment) and empty action lists. */
function prune(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(prune);
  if (node && typeof node === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) {
      if (typeof v === 'string') {
        if (!v.includes('${')) {
          out[k] = v;
          continue;
        }
        const rest = v.replace(UNBOUND, '');
        if (rest.trim() !== '' || k === 'text') out[k] = rest;
        continue;
      }
      if (Array.isArray(v) && v.length === 0 && k === 'actions') continue;
      out[k] = prune(v);
    }
    return out;
  }
  return node;
}
