/**
 * Writes the format's JSON Schema to `rulesets/schema/` for Monaco and the API (`npm run schema`).
 * A test checks that the committed file matches the TypeBox source.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { jsonSchemaText } from '../src/engine/schema/json-schema';

const target = join(__dirname, '..', '..', 'rulesets', 'schema', 'ruleset-v1.schema.json');
mkdirSync(dirname(target), { recursive: true });
writeFileSync(target, jsonSchemaText());
console.log(`wrote ${target}`);
