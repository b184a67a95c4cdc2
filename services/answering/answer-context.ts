/** What every answer is computed from: the store and its catalogue. */
import type { Catalogue } from '../catalogue/catalogue.js';
import type { NameIndex } from '../catalogue/name-matcher.js';
import type { Queryable } from '../store/database.js';

export interface AnswerContext {
  db: Queryable;
  catalogue: Catalogue;
  names: NameIndex;
}
