/**
 * botbuilder 4.23 serializes outgoing activities with @azure/core-client,
 * whose sequence serializer replaces the `entities` element mapper by the
 * full `Entity` class mapper — which lists only type, text and mentioned — so
 * every other entity field is dropped on the way out, and Teams would never
 * see the AI label or the citations. The activity spec allows entities any
 * fields; declaring that on the class mapper keeps them.
 */
import { createRequire } from 'node:module';

interface CompositeMapper {
  type: { additionalProperties?: { type: { name: string } } };
}

export function keepCustomEntityFields(): void {
  // the copy of botframework-connector that botbuilder itself loads
  const fromBotbuilder = createRequire(createRequire(import.meta.url).resolve('botbuilder'));
  const mappers = fromBotbuilder('botframework-connector/lib/connectorApi/models/mappers.js') as { Entity: CompositeMapper };
  mappers.Entity.type.additionalProperties ??= { type: { name: 'Object' } };
}
