import { RulesetVersionSchema } from './ruleset.schema';

/** The format's JSON Schema (draft 2020-12 compatible) as pretty-printed text. */
export function jsonSchemaText(): string {
  const schema = { $schema: 'https://json-schema.org/draft/2020-12/schema', ...RulesetVersionSchema };
  return `${JSON.stringify(schema, null, 2)}\n`;
}
