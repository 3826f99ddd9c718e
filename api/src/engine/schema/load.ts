import { Value } from '@sinclair/typebox/value';
import type { TSchema } from '@sinclair/typebox';
import type { FieldProblem } from '../errors';
import { isCalendarDate } from '../expression/dates';
import {
  CURRENT_FORMAT_VERSION,
  RulesetVersionSchema,
  TEXT_LIMITS,
  type RulesetVersion,
} from './ruleset.schema';
import { structureProblems } from './structure';

type Migration = (document: Record<string, unknown>) => Record<string, unknown>;

/**
 * Migrations from older format versions, keyed by the version they read. Format 1 is the first;
 * when format 2 comes, `1: (doc) => ({ ...doc, formatVersion: 2, … })` goes here.
 */
const MIGRATIONS: Record<number, Migration> = {};

function exampleOf(schema: TSchema | undefined): string {
  const examples = schema?.['examples'] as unknown[] | undefined;
  if (examples && examples.length > 0) return `, such as ${JSON.stringify(examples[0])}`;
  return '';
}

function describeSchema(schema: TSchema | undefined): string {
  if (!schema) return 'a valid value';
  const anyOf = schema['anyOf'] as TSchema[] | undefined;
  if (anyOf && anyOf.every((s) => 'const' in s))
    return `one of ${anyOf.map((s) => JSON.stringify(s['const'])).join(', ')}`;
  if ('const' in schema) return JSON.stringify(schema['const']);
  const description = schema['description'] as string | undefined;
  const type = schema['type'] as string | undefined;
  const article = type === 'object' || type === 'array' || type === 'integer' ? 'an' : 'a';
  const what = description
    ? description.charAt(0).toLowerCase() + description.slice(1)
    : `${article} ${type ?? 'valid value'}`;
  return what;
}

/**
 * Checks a document against the format's JSON Schema and turns each failure into a message that
 * names the path and says what would be valid.
 */
export function schemaProblems(document: unknown, schema: TSchema = RulesetVersionSchema): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  for (const error of Value.Errors(schema, document)) {
    const path = error.path;
    let message: string;
    if (error.message === 'Expected required property') {
      message = `is required: ${describeSchema(error.schema)}${exampleOf(error.schema)}`;
    } else if (error.message === 'Unexpected property') {
      const parentSchema = locateParentSchema(schema, path);
      const allowed = parentSchema ? Object.keys((parentSchema['properties'] as object) ?? {}) : [];
      message = `is not a known field${allowed.length ? `; the fields allowed here are ${allowed.join(', ')}` : ''}`;
    } else {
      message = `must be ${describeSchema(error.schema)}${exampleOf(error.schema)}`;
      const min = error.schema['minItems'] as number | undefined;
      if (Array.isArray(error.value) && min !== undefined)
        message = `must have at least ${min} item${min === 1 ? '' : 's'}`;
      if (typeof error.value === 'string') {
        const minLength = error.schema['minLength'] as number | undefined;
        const maxLength = error.schema['maxLength'] as number | undefined;
        const pattern = error.schema['pattern'] as string | undefined;
        // The JSON Schema counts characters (code points); the validator counts UTF-16 units.
        const length = characterCount(error.value);
        if (
          maxLength !== undefined &&
          error.value.length > maxLength &&
          length <= maxLength &&
          (minLength === undefined || length >= minLength) &&
          (pattern === undefined || new RegExp(pattern).test(error.value))
        )
          continue;
        if (minLength !== undefined && error.value.length < minLength) {
          message =
            error.value.length === 0 ? 'must not be empty' : `must have at least ${minLength} characters`;
        } else if (maxLength !== undefined && length > maxLength) {
          message = `must have at most ${maxLength} characters (has ${length})`;
        } else if (pattern !== undefined && !new RegExp(pattern).test(error.value)) {
          const what = error.schema['description']
            ? describeSchema(error.schema)
            : `text matching ${pattern}`;
          message = `must be ${what}${exampleOf(error.schema)} (got ${JSON.stringify(error.value)})`;
        }
      }
    }
    // One message per path: a missing property also fails its type check.
    if (seen.has(path)) continue;
    seen.add(path);
    problems.push({ path, message, code: 'schema' });
  }
  return problems;
}

const characterCount = (text: string): number => {
  let count = 0;
  for (const _ of text) count++;
  return count;
};

/**
 * Texts the schema leaves open (values in rule conditions and event parameters, test households)
 * longer than `TEXT_LIMITS.description` characters, each named by its path.
 */
function longTextProblems(value: unknown, path: string, found: FieldProblem[]): FieldProblem[] {
  if (found.length >= 100) return found;
  if (typeof value === 'string') {
    if (value.length > TEXT_LIMITS.description && characterCount(value) > TEXT_LIMITS.description)
      found.push({
        path,
        message: `must have at most ${TEXT_LIMITS.description} characters (has ${characterCount(value)})`,
        code: 'schema',
      });
  } else if (Array.isArray(value)) value.forEach((v, i) => longTextProblems(v, `${path}/${i}`, found));
  else if (typeof value === 'object' && value !== null)
    for (const [k, v] of Object.entries(value))
      longTextProblems(v, `${path}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`, found);
  return found;
}

/** Bidirectional embedding, override and isolate controls: they reorder the text shown around them. */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/;

/**
 * Every text of the document (values and field names) holding a bidirectional control character:
 * a label with U+202E would show a reviewer "≥" where the document says "≤". At most 100.
 */
function reorderingTextProblems(value: unknown, path: string, found: FieldProblem[]): FieldProblem[] {
  if (found.length >= 100) return found;
  if (typeof value === 'string') {
    if (BIDI_CONTROLS.test(value))
      found.push({
        path,
        message:
          'must not contain bidirectional control characters (U+202A to U+202E, U+2066 to U+2069): they make text read in another order than it is written',
        code: 'schema',
      });
  } else if (Array.isArray(value)) value.forEach((v, i) => reorderingTextProblems(v, `${path}/${i}`, found));
  else if (typeof value === 'object' && value !== null)
    for (const [k, v] of Object.entries(value)) {
      const at = `${path}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      if (BIDI_CONTROLS.test(k)) reorderingTextProblems(k, at, found);
      reorderingTextProblems(v, at, found);
    }
  return found;
}

function locateParentSchema(root: TSchema, path: string): TSchema | undefined {
  const tokens = path
    .split('/')
    .slice(1, -1)
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
  let schema: TSchema | undefined = root;
  for (const token of tokens) {
    if (!schema) return undefined;
    if (schema['$ref'] === 'Condition' || (schema['$id'] === 'Condition' && token))
      schema = conditionSchema(root);
    const properties = schema?.['properties'] as Record<string, TSchema> | undefined;
    if (schema?.['type'] === 'array') schema = schema['items'] as TSchema;
    else if (properties && Object.hasOwn(properties, token)) schema = properties[token];
    else return undefined;
    if (schema?.['$ref'] === 'Condition') schema = conditionSchema(root);
  }
  return schema;
}

function conditionSchema(root: TSchema): TSchema | undefined {
  const rules = (root['properties'] as Record<string, TSchema>)['rules'];
  const household = (rules?.['properties'] as Record<string, TSchema>)['household'];
  const rule = household?.['items'] as TSchema;
  return (rule['properties'] as Record<string, TSchema>)['conditions'];
}

/**
 * Reads a ruleset version document of any known format version: checks its shape first (rule
 * conditions at most `MAX_CONDITION_DEPTH` deep, nothing nested more than `MAX_DOCUMENT_DEPTH`
 * deep, so no recursive reader can overflow the stack), migrates it to the current format, then
 * checks the schema. Returns the typed version, or every problem with its path.
 */
export function readRulesetVersion(
  document: unknown,
): { version: RulesetVersion; problems: [] } | { version: null; problems: FieldProblem[] } {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    return {
      version: null,
      problems: [{ path: '', message: 'a ruleset version must be a JSON object', code: 'schema' }],
    };
  }
  const shape = structureProblems(document);
  if (shape.length > 0) return { version: null, problems: shape };
  let current = document as Record<string, unknown>;
  const format = current['formatVersion'];
  if (
    typeof format !== 'number' ||
    !Number.isInteger(format) ||
    format < 1 ||
    format > CURRENT_FORMAT_VERSION
  ) {
    return {
      version: null,
      problems: [
        {
          path: '/formatVersion',
          message: `must be a known format version (1 to ${CURRENT_FORMAT_VERSION}), such as ${CURRENT_FORMAT_VERSION}`,
          code: 'schema',
        },
      ],
    };
  }
  for (let v = format; v < CURRENT_FORMAT_VERSION; v++) {
    const migrate = MIGRATIONS[v];
    if (migrate) current = migrate(current);
  }
  const problems = schemaProblems(current);
  const reported = new Set(problems.map((p) => p.path));
  // Only where the schema leaves values open: formulas have their own bounds (content-bounds).
  const open: FieldProblem[] = [];
  longTextProblems(current['rules'], '/rules', open);
  longTextProblems(current['tests'], '/tests', open);
  reorderingTextProblems(current, '', open);
  for (const p of open) if (!reported.has(p.path)) problems.push(p);
  const effectiveFrom = (current['metadata'] as { effectiveFrom?: unknown } | undefined)?.effectiveFrom;
  if (
    typeof effectiveFrom === 'string' &&
    /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(effectiveFrom) &&
    !isCalendarDate(effectiveFrom)
  ) {
    problems.push({
      path: '/metadata/effectiveFrom',
      message: `"${effectiveFrom}" is not a calendar date, such as "2019-01-01"`,
      code: 'date',
    });
  }
  if (problems.length > 0) return { version: null, problems };
  return { version: current as unknown as RulesetVersion, problems: [] };
}
