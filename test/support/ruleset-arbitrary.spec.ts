import fc from 'fast-check';

import { InvalidRulesetError } from '../../api/src/engine/errors';
import type { Expression } from '../../api/src/engine/expression/ast';
import { EXPRESSION_FUNCTIONS } from '../../api/src/engine/expression/functions';
import { parseExpression } from '../../api/src/engine/expression/parse';
import { compileVersion } from '../../api/src/engine/model/compile-version';
import { RULE_OPERATORS } from '../../api/src/engine/model/operators';
import type { ConditionT, RulesetVersion } from '../../api/src/engine/schema/ruleset.schema';
import { ROUNDING_MODES, rulesetVersionArbitrary } from './ruleset-arbitrary';

const SEED = Number(process.env.PROPERTY_SEED ?? 20170225);
const documents = fc.sample(rulesetVersionArbitrary(), { seed: SEED, numRuns: 300 });

/** Every function, operator and kind of name the formulas of a document use. */
function formulaFeatures(doc: RulesetVersion, into: Set<string>): void {
  const walk = (e: Expression, scope: string): void => {
    switch (e.kind) {
      case 'name':
        if (e.name.startsWith('household.') && scope === 'member')
          into.add('member formula reads household.');
        break;
      case 'unary':
        into.add(`unary ${e.operator}`);
        walk(e.operand, scope);
        break;
      case 'binary':
        into.add(`binary ${e.operator}`);
        if (e.operator === '/' && e.right.kind !== 'number') into.add('division by a value that may be zero');
        walk(e.left, scope);
        walk(e.right, scope);
        break;
      case 'call':
        into.add(`function ${e.callee}`);
        e.args.forEach((a) => walk(a, scope));
        break;
      default:
        break;
    }
  };
  const read = (formula: string, scope: string): void => walk(parseExpression(formula), scope);
  doc.derived.forEach((d) => read(d.formula, d.scope));
  doc.benefits.forEach((b) => read(b.amount, b.scope));
  doc.outcomes.forEach((o) => o.details?.forEach((d) => read(d.formula, o.scope)));
  doc.constraints.forEach((c) => read(c.assert, 'constraint'));
  doc.parameters.forEach((p) =>
    p.values.forEach((v) => v.formula !== undefined && read(v.formula, 'parameter')),
  );
}

/** Every operator, value kind and nesting the rules of a document use. */
function ruleFeatures(doc: RulesetVersion, into: Set<string>): void {
  const outcomes = new Map(doc.outcomes.map((o) => [o.name, o.scope]));
  for (const scope of ['household', 'member'] as const) {
    const rules = doc.rules[scope];
    const decided = rules.map((r) => r.event.type);
    if (decided.some((o, i) => decided.indexOf(o) !== i))
      into.add(`several ${scope} rules decide one outcome`);
    for (const rule of rules) {
      if (rule.priority !== undefined) into.add('rule priority');
      const walk = (c: ConditionT, depth: number): void => {
        if (depth >= 3) into.add('conditions nested 3 deep');
        if (c.name !== undefined) into.add('condition name');
        for (const kind of ['all', 'any'] as const)
          c[kind]?.forEach((x) => {
            into.add(`condition ${kind}`);
            walk(x, depth + 1);
          });
        if (c.not) {
          into.add('condition not');
          walk(c.not, depth + 1);
        }
        if (c.fact === undefined) return;
        into.add(`operator ${c.operator}`);
        const value = c.value as unknown;
        if (typeof value === 'number') into.add('number literal as a JSON number');
        if (typeof value === 'string' && RULE_OPERATORS.get(c.operator ?? '')?.kind === 'decimal')
          into.add('number literal as a string');
        if (typeof value === 'object' && value !== null && !Array.isArray(value))
          into.add('{"fact": …} value');
        if (c.fact.startsWith('household.') && outcomes.get(c.fact.slice(10)) === 'household')
          into.add('member rule reads a household outcome');
        if (outcomes.get(c.fact) === scope) into.add(`${scope} rule reads an outcome of its scope`);
      };
      walk(rule.conditions, 1);
    }
  }
}

function documentFeatures(doc: RulesetVersion, into: Set<string>): void {
  into.add(`${doc.jurisdictions.length} jurisdictions`);
  if (doc.jurisdictions.some((j) => j.groups.length > 1)) into.add('a jurisdiction in two groups');
  const groups = new Set(doc.jurisdictionGroups.map((g) => g.id));
  for (const p of doc.parameters) {
    into.add(`parameter unit ${p.unit}`);
    into.add(p.byJurisdiction ? 'parameter by jurisdiction' : 'parameter the same everywhere');
    for (const v of p.values) {
      if (v.formula !== undefined) into.add('parameter formula');
      if (v.for === undefined && p.byJurisdiction)
        into.add('parameter by jurisdiction with a value everywhere');
      if (v.for !== undefined)
        into.add(groups.has(v.for) ? 'parameter value for a group' : 'parameter value for a jurisdiction');
      into.add(`source ${v.source.type}`);
    }
  }
  for (const scope of ['household', 'member'] as const)
    for (const f of doc.facts[scope]) {
      into.add(`${scope} fact ${f.type}`);
      for (const field of [
        'required',
        'default',
        'minimum',
        'maximum',
        'notAfterAsOf',
        'valueLabels',
      ] as const)
        if (f[field] !== undefined) into.add(`fact ${field}`);
      f.properties?.forEach((p) => into.add(`group property ${p.type}`));
    }
  if (doc.facts.members.minItems === 0) into.add('households without members allowed');
  doc.derived.forEach((d) => into.add(`${d.scope} derived ${d.type}`));
  for (const o of doc.outcomes) {
    if (o.report === true) into.add(`${o.scope} outcome reported`);
    o.details?.forEach((d) => into.add(`detail ${d.type}`));
  }
  for (const b of doc.benefits) {
    into.add(`${b.scope} benefit per ${b.period}`);
    if (b.instalmentsPerYear !== undefined) into.add('instalments per year');
    if (b.rounding) into.add(`benefit rounding ${b.rounding.mode} ${b.rounding.places}`);
  }
  into.add(`version rounding ${doc.rounding.mode}`);
  if (doc.totals.monthsPerYear !== 12) into.add('months per year other than 12');
  formulaFeatures(doc, into);
  ruleFeatures(doc, into);
}

describe('rulesetVersionArbitrary', () => {
  it('draws documents that all compile', () => {
    const refused = documents.flatMap((doc, i) => {
      try {
        compileVersion(doc);
        return [];
      } catch (e) {
        if (e instanceof InvalidRulesetError) return [{ document: i, problems: e.errors.slice(0, 5) }];
        throw e;
      }
    });
    expect(refused).toEqual([]);
  });

  it('covers the format: every fact type, function, operator, period and rounding mode', () => {
    const seen = new Set<string>();
    documents.forEach((doc) => documentFeatures(doc, seen));
    const types = ['decimal', 'money', 'integer', 'boolean', 'date', 'enum', 'string', 'jurisdiction'];
    const expected = [
      ...[1, 2, 3, 4].map((n) => `${n} jurisdictions`),
      'a jurisdiction in two groups',
      ...['yuan/month', 'yuan/year', 'yuan', 'ratio', 'years', 'months', 'count'].map(
        (u) => `parameter unit ${u}`,
      ),
      'parameter by jurisdiction',
      'parameter the same everywhere',
      'parameter formula',
      'parameter by jurisdiction with a value everywhere',
      'parameter value for a group',
      'parameter value for a jurisdiction',
      'source published',
      'source illustrative',
      ...types.flatMap((t) => [`household fact ${t}`, `member fact ${t}`, `group property ${t}`]),
      'household fact object',
      ...['required', 'default', 'minimum', 'maximum', 'notAfterAsOf', 'valueLabels'].map((f) => `fact ${f}`),
      'households without members allowed',
      ...['household', 'member'].flatMap((s) =>
        ['decimal', 'integer', 'boolean', 'date', 'string'].map((t) => `${s} derived ${t}`),
      ),
      'household outcome reported',
      'member outcome reported',
      ...['money', 'integer', 'decimal', 'boolean', 'string'].map((t) => `detail ${t}`),
      ...['household', 'member'].flatMap((s) =>
        ['month', 'year', 'oneOff'].map((p) => `${s} benefit per ${p}`),
      ),
      'instalments per year',
      ...ROUNDING_MODES.flatMap((m) => [0, 1, 2].map((p) => `benefit rounding ${m} ${p}`)),
      ...ROUNDING_MODES.map((m) => `version rounding ${m}`),
      'months per year other than 12',
      ...[...EXPRESSION_FUNCTIONS.keys()].map((f) => `function ${f}`),
      ...['+', '-', '*', '/', '==', '!=', '<', '<=', '>', '>=', 'and', 'or'].map((op) => `binary ${op}`),
      'unary -',
      'unary not',
      'division by a value that may be zero',
      'member formula reads household.',
      ...[...RULE_OPERATORS.keys()].map((op) => `operator ${op}`),
      'condition all',
      'condition any',
      'condition not',
      'conditions nested 3 deep',
      'condition name',
      'rule priority',
      'number literal as a JSON number',
      'number literal as a string',
      '{"fact": …} value',
      'several household rules decide one outcome',
      'several member rules decide one outcome',
      'household rule reads an outcome of its scope',
      'member rule reads an outcome of its scope',
      'member rule reads a household outcome',
    ];
    expect(expected.filter((feature) => !seen.has(feature))).toEqual([]);
  });

  it('replays the same documents from the same seed', () => {
    const again = fc.sample(rulesetVersionArbitrary(), { seed: SEED, numRuns: 5 });
    expect(again).toEqual(documents.slice(0, 5));
  });
});
