import { pointer, type FieldProblem } from '../errors';
import { render, showValue } from '../evaluation/explain';
import type { Expression } from '../expression/ast';
import type { Environment } from '../expression/scope';
import type { CompiledConstraint, CompiledVersion } from '../model/compile-version';
import type { ParameterValues } from '../model/parameters';

/** A constraint that does not hold somewhere, with what was compared. */
export interface ConstraintFinding extends FieldProblem {
  constraint: string;
  severity: 'error' | 'warning';
  jurisdiction: string | null;
  basis: string;
  /** The recorded justification, for a warning that has one. */
  justification?: string;
}

/** The parameter keys a constraint reads through previous(). */
function previousKeys(c: CompiledConstraint): string[] {
  const keys: string[] = [];
  const walk = (e: Expression): void => {
    if (e.kind === 'call') {
      const arg = e.args[0];
      if (e.callee === 'previous' && arg?.kind === 'name') keys.push(arg.name);
      e.args.forEach(walk);
    } else if (e.kind === 'binary') {
      walk(e.left);
      walk(e.right);
    } else if (e.kind === 'unary') walk(e.operand);
  };
  walk(c.assertion.ast);
  return keys;
}

function usesPrevious(c: CompiledConstraint): boolean {
  return previousKeys(c).length > 0;
}

/** The severity a constraint has for a version: some floors only bind from a date on. */
export function severityFor(c: CompiledConstraint, effectiveFrom: string): 'error' | 'warning' {
  const before = c.declaration.warningBefore;
  return before !== undefined && effectiveFrom < before ? 'warning' : c.declaration.severity;
}

/**
 * Checks the version's constraints (policy floors, the year-on-year rule) in every jurisdiction they
 * concern. Year-on-year checks compare with `previous`, the version in force before this one; with
 * none, they do not apply. A warning with a recorded justification is accepted and reported with it.
 */
export function checkConstraints(
  version: CompiledVersion,
  previous: CompiledVersion | null,
): ConstraintFinding[] {
  const findings: ConstraintFinding[] = [];
  const codes = [...version.jurisdictions.keys()];
  const justifications = version.document.justifications ?? [];
  for (const c of version.constraints) {
    if (usesPrevious(c) && !previous) continue;
    const places = c.perJurisdiction ? codes : [codes[0] as string];
    for (const code of places) {
      const parameters = version.resolvedParameters.get(code) as ParameterValues;
      const previousParameters = previous?.resolvedParameters.get(code) ?? null;
      const env: Environment = {
        asOf: version.effectiveFrom,
        parameters,
        previous: previousParameters,
        household: new Map(),
        members: [],
      };
      // previous() of a parameter or place the previous version lacks: not applicable.
      if (previousKeys(c).some((key) => previousParameters?.get(key) === undefined)) continue;
      let holds: boolean;
      try {
        holds = c.assertion.evaluate(env) === true;
      } catch {
        holds = false;
      }
      if (holds) continue;
      const severity = severityFor(c, version.effectiveFrom);
      const groups = version.jurisdictions.get(code)?.groups ?? [];
      const justification = justifications.find(
        (j) =>
          j.constraint === c.declaration.id &&
          (j.jurisdiction === undefined ||
            !c.perJurisdiction ||
            j.jurisdiction === code ||
            groups.includes(j.jurisdiction)),
      );
      const place = c.perJurisdiction ? ` in ${code} ${version.jurisdictions.get(code)?.name.zh ?? ''}` : '';
      const compared = render(
        c.assertion.ast,
        (e) => {
          if (e.kind === 'call' && e.callee === 'previous' && e.args[0]?.kind === 'name')
            return `previous ${showValue(previousParameters?.get(e.args[0].name))}`;
          if (e.kind === 'name') return showValue(parameters.get(e.name));
          return null;
        },
        true,
      );
      const needs =
        severity === 'warning' && !justification
          ? ' This warning needs a recorded justification (add one under "justifications").'
          : '';
      findings.push({
        path: pointer('constraints', c.index, 'assert'),
        code: 'constraint',
        constraint: c.declaration.id,
        severity,
        jurisdiction: c.perJurisdiction ? code : null,
        basis: c.declaration.basis,
        message: `${c.declaration.label.zh} / ${c.declaration.label.en} (${c.declaration.basis}) does not hold${place}: ${render(c.assertion.ast, () => null, true)} → ${compared} is false.${needs}`,
        ...(severity === 'warning' && justification ? { justification: justification.text } : {}),
      });
    }
  }
  return findings;
}
