import { EvaluationError, pointer, type FieldProblem } from '../errors';
import { render, showValue } from '../evaluation/explain';
import { namesIn, type Expression } from '../expression/ast';
import type { Environment } from '../expression/scope';
import type { CompiledConstraint, CompiledVersion } from '../model/compile-version';
import type { ParameterValues } from '../model/parameters';
import type { RulesetVersion } from '../schema/ruleset.schema';

type Justification = NonNullable<RulesetVersion['justifications']>[number];

/** A constraint that does not hold somewhere, with what was compared. */
export interface ConstraintFinding extends FieldProblem {
  constraint: string;
  severity: 'error' | 'warning';
  jurisdiction: string | null;
  basis: string;
  /** The recorded justification, for a warning that has one. */
  justification?: string;
  /**
   * The parameter keys the assertion reads (directly or through previous()), in order of first
   * appearance: the values the finding is about, so that an editor can show it beside them.
   */
  parameters: string[];
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

/** The severity a constraint has for a version: some floors only bind from a date on. */
export function severityFor(c: CompiledConstraint, effectiveFrom: string): 'error' | 'warning' {
  const before = c.declaration.warningBefore;
  return before !== undefined && effectiveFrom < before ? 'warning' : c.declaration.severity;
}

/**
 * Checks the version's constraints (policy floors, the year-on-year rule) in every jurisdiction they
 * concern. Year-on-year checks compare with `previous`, the version in force before this one; with
 * none, they do not apply. A warning with a recorded justification is accepted and reported with it.
 * An assertion that cannot be computed (a division by zero, a value beyond 10^15) is always an
 * error naming the constraint, the jurisdiction and the reason, whatever the constraint's severity
 * and justifications: it says nothing about the policy, only that the assertion is broken.
 */
export function checkConstraints(
  version: CompiledVersion,
  previous: CompiledVersion | null,
): ConstraintFinding[] {
  const findings: ConstraintFinding[] = [];
  const codes = [...version.jurisdictions.keys()];
  // Each constraint's justifications, in document order, so that a finding looks only at its own.
  const justificationsOf = new Map<string, Justification[]>();
  for (const j of version.document.justifications ?? []) {
    const own = justificationsOf.get(j.constraint);
    if (own) own.push(j);
    else justificationsOf.set(j.constraint, [j]);
  }
  for (const c of version.constraints) {
    const readsPrevious = previousKeys(c);
    if (readsPrevious.length > 0 && !previous) continue;
    const places = c.perJurisdiction ? codes : [codes[0] as string];
    const justifications = justificationsOf.get(c.declaration.id) ?? [];
    // The same in every jurisdiction: written once.
    const written = render(c.assertion.ast, () => null, true);
    const reads = namesIn(c.assertion.ast).filter((name) => version.parameters.has(name));
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
      if (readsPrevious.some((key) => previousParameters?.get(key) === undefined)) continue;
      let holds: boolean;
      let failure: EvaluationError | null = null;
      try {
        holds = c.assertion.evaluate(env) === true;
      } catch (e) {
        if (!(e instanceof EvaluationError)) throw e;
        failure = e;
        holds = false;
      }
      if (holds) continue;
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
      const heading = `${c.declaration.label.zh} / ${c.declaration.label.en} (${c.declaration.basis}) does not hold${place}`;
      const assertion = `${written} → ${compared}`;
      const finding = {
        path: pointer('constraints', c.index, 'assert'),
        code: 'constraint',
        constraint: c.declaration.id,
        jurisdiction: c.perJurisdiction ? code : null,
        basis: c.declaration.basis,
        parameters: reads,
      };
      if (failure) {
        // Not a policy finding but a broken assertion: always an error, which no justification excuses.
        findings.push({
          ...finding,
          severity: 'error',
          message: `${heading}: constraint '${c.declaration.id}' cannot be computed: ${failure.reason} in ${assertion}. Correct the assertion or the parameters it reads (no justification can accept this).`,
        });
        continue;
      }
      const severity = severityFor(c, version.effectiveFrom);
      const groups = version.jurisdictions.get(code)?.groups ?? [];
      const justification = justifications.find(
        (j) =>
          j.jurisdiction === undefined ||
          !c.perJurisdiction ||
          j.jurisdiction === code ||
          groups.includes(j.jurisdiction),
      );
      const needs =
        severity === 'warning' && !justification
          ? ' This warning needs a recorded justification (add one under "justifications").'
          : '';
      findings.push({
        ...finding,
        severity,
        message: `${heading}: ${assertion} is false.${needs}`,
        ...(severity === 'warning' && justification ? { justification: justification.text } : {}),
      });
    }
  }
  return findings;
}
