import { listText, pointer, type FieldProblem } from '../errors';
import { namesIn } from '../expression/ast';
import { compileExpression, locate, type CompiledExpression } from '../expression/compile';
import { scopeOf, type Binding } from '../expression/scope';
import type { HintBudget } from '../expression/suggest';
import type { ParameterT, RulesetVersion } from '../schema/ruleset.schema';
import { resolveValues, ValueChooser, type ResolvedParameters } from './parameter-resolution';

export { failureFor, type ParameterValues, type ResolvedParameters } from './parameter-resolution';

/** Bindings for every parameter key, read from `env.parameters`. */
export function parameterBindings(parameters: readonly ParameterT[]): Map<string, Binding> {
  const bindings = new Map<string, Binding>();
  for (const p of parameters) {
    const key = p.key;
    bindings.set(key, { type: 'decimal', kind: 'parameter', read: (env) => env.parameters.get(key) ?? null });
  }
  return bindings;
}

/**
 * Checks every parameter (values, sources, formulas, per-jurisdiction coverage) and resolves each
 * for every jurisdiction, formulas computed in dependency order. A formula whose value leaves the
 * numeric domain (|x| ≤ 10^15) in a jurisdiction is a problem at its path naming the jurisdiction
 * and the value's magnitude. (Literal values are checked against the domain with the document's
 * other numerals.)
 */
export function resolveAllParameters(
  version: RulesetVersion,
  hints?: HintBudget,
): {
  resolved: ResolvedParameters;
  problems: FieldProblem[];
} {
  const problems: FieldProblem[] = [];
  const sourceIds = new Set(version.metadata.sources.map((s) => s.id));
  const codes = version.jurisdictions.map((j) => j.code);
  const places = new Set([...codes, ...version.jurisdictionGroups.map((g) => g.id)]);
  const groupsOf = new Map(version.jurisdictions.map((j) => [j.code, j.groups]));
  const byKey = new Map<string, { parameter: ParameterT; index: number; chooser: ValueChooser }>();
  const variesByPlace = new Set(version.parameters.filter((p) => p.byJurisdiction).map((p) => p.key));
  const bindings = parameterBindings(version.parameters);
  const scope = scopeOf('parameter', bindings, hints ? { hints } : {});
  const formulas = new Map<string, CompiledExpression>(); // `${paramIndex}/${valueIndex}` → formula

  version.parameters.forEach((parameter, i) => {
    const at = (...rest: (string | number)[]) => pointer('parameters', i, ...rest);
    if (byKey.has(parameter.key))
      problems.push({
        path: at('key'),
        message: `duplicates the parameter '${parameter.key}'`,
        code: 'duplicate',
      });
    const chooser = new ValueChooser(parameter);
    byKey.set(parameter.key, { parameter, index: i, chooser });
    const seenFor = new Set<string>();
    parameter.values.forEach((entry, j) => {
      if ((entry.value === undefined) === (entry.formula === undefined)) {
        problems.push({
          path: at('values', j),
          message: 'must have either a "value" (such as "420.00") or a "formula", not both or neither',
          code: 'parameter-value',
        });
      }
      const target = entry.for ?? '*';
      if (seenFor.has(target))
        problems.push({
          path: at('values', j, 'for'),
          message: `a second value for '${target}'`,
          code: 'duplicate',
        });
      seenFor.add(target);
      if (!parameter.byJurisdiction && entry.for !== undefined) {
        problems.push({
          path: at('values', j, 'for'),
          message: 'is only allowed when "byJurisdiction" is true',
          code: 'parameter-value',
        });
      }
      if (entry.for !== undefined && !places.has(entry.for)) {
        problems.push({
          path: at('values', j, 'for'),
          message: `'${entry.for}' is neither a jurisdiction code nor a group id of this version`,
          code: 'unknown-jurisdiction',
        });
      }
      if (entry.source.type === 'published') {
        if (!entry.source.document)
          problems.push({
            path: at('values', j, 'source', 'document'),
            message: 'a published figure must name its document (an id from metadata.sources)',
            code: 'source',
          });
        else if (!sourceIds.has(entry.source.document))
          problems.push({
            path: at('values', j, 'source', 'document'),
            message: `'${entry.source.document}' is not in metadata.sources; known: ${listText(sourceIds)}`,
            code: 'source',
          });
      } else if (!entry.source.note) {
        problems.push({
          path: at('values', j, 'source', 'note'),
          message: 'an illustrative figure must say how it was chosen',
          code: 'source',
        });
      }
      if (entry.formula !== undefined) {
        const compiled = compileExpression(entry.formula, scope, 'decimal');
        if (compiled.expression) formulas.set(`${i}/${j}`, compiled.expression);
        else
          compiled.problems.forEach((p) =>
            problems.push({
              path: at('values', j, 'formula'),
              message: `${p.message} ${locate(entry.formula as string, p.at)}`,
              code: 'expression',
            }),
          );
        if (compiled.expression && !parameter.byJurisdiction) {
          for (const name of namesIn(compiled.expression.ast)) {
            if (variesByPlace.has(name)) {
              problems.push({
                path: at('values', j, 'formula'),
                message: `uses '${name}', which varies by jurisdiction: set "byJurisdiction": true`,
                code: 'expression',
              });
            }
          }
        }
      }
    });
    for (const code of codes) {
      const { choice, ambiguous } = chooser.choose(code, groupsOf.get(code) ?? []);
      if (ambiguous.length > 0)
        problems.push({
          path: at('values'),
          message: `jurisdiction ${code} gets a value from several groups (${listText(ambiguous)}); add a value for ${code} itself`,
          code: 'parameter-value',
        });
      else if (!choice)
        problems.push({
          path: at('values'),
          message: `no value applies to jurisdiction ${code}; add one for it, one of its groups, or one without "for"`,
          code: 'parameter-value',
        });
    }
  });

  const order = dependencyOrder(version, formulas, problems);
  if (problems.length > 0 || !order) return { resolved: new Map(), problems };
  return resolveValues({ version, byKey, formulas, order });
}

/** Parameter keys ordered so that a formula comes after everything it reads; null on a cycle. */
function dependencyOrder(
  version: RulesetVersion,
  formulas: ReadonlyMap<string, CompiledExpression>,
  problems: FieldProblem[],
): string[] | null {
  const dependsOn = new Map<string, Set<string>>();
  const indexOf = new Map(version.parameters.map((p, i) => [p.key, i]));
  version.parameters.forEach((p, i) => {
    const names = new Set<string>();
    p.values.forEach((_, j) => {
      const f = formulas.get(`${i}/${j}`);
      if (f) namesIn(f.ast).forEach((n) => names.add(n));
    });
    dependsOn.set(p.key, names);
  });
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  let cyclic = false;
  const visit = (key: string, trail: string[]): void => {
    if (state.get(key) === 'done') return;
    if (state.get(key) === 'visiting') {
      const index = indexOf.get(key) ?? -1;
      problems.push({
        path: pointer('parameters', index, 'values'),
        message: `its formula depends on itself: ${[...trail.slice(trail.indexOf(key)), key].join(' → ')}`,
        code: 'cycle',
      });
      cyclic = true;
      return;
    }
    state.set(key, 'visiting');
    for (const dep of dependsOn.get(key) ?? []) if (dependsOn.has(dep)) visit(dep, [...trail, key]);
    state.set(key, 'done');
    order.push(key);
  };
  for (const key of dependsOn.keys()) visit(key, []);
  return cyclic ? null : order;
}
