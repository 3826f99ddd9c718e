import { pointer, type FieldProblem } from '../errors';
import { namesIn, type Expression } from '../expression/ast';
import { ExpressionSyntaxError, parseCounted } from '../expression/parse';
import { COMPILE_WORK_PER_EVALUATION, MAX_COMPILE_WORK } from '../limits';
import type { ConstraintT, RulesetVersion } from '../schema/ruleset.schema';
import { constantSites, type FormulaSite } from './constant-formulas';
import { ValueChooser } from './parameter-resolution';

/**
 * Whether a constraint is checked in every jurisdiction (else once): when it says so, or when it
 * reads a parameter that varies by jurisdiction.
 */
export function constraintPerJurisdiction(
  constraint: ConstraintT,
  assertion: Expression,
  byJurisdiction: ReadonlySet<string>,
): boolean {
  return constraint.forEachJurisdiction === true || namesIn(assertion).some((n) => byJurisdiction.has(n));
}

/** One formula's part of the work: its tokens and how many times it is evaluated. */
interface Share {
  path: string;
  tokens: number;
  times: number;
}

/** The work a version's formulas take to compile and validate, and the formula with the largest share. */
export interface CompileWork {
  work: number;
  evaluations: number;
  largest: Share | null;
}

/**
 * The work compiling and validating a version does evaluating formulas (see
 * {@link MAX_COMPILE_WORK}), decided from the document alone before anything is evaluated: each
 * evaluation of a formula counts its tokens plus {@link COMPILE_WORK_PER_EVALUATION}. A formula is
 * evaluated
 *
 * - for a parameter formula of a `byJurisdiction` parameter: once in each jurisdiction where it is
 *   the value that applies; of any other parameter: once;
 * - for a derived fact, outcome detail or benefit amount that reads only parameters, literals and
 *   such derived facts (`checkConstantFormulas`): in every jurisdiction when it reads something that
 *   varies by jurisdiction, else once;
 * - for a constraint's assertion (`checkConstraints`): in every jurisdiction when it is checked
 *   there, else once.
 *
 * A formula that does not parse is never evaluated and counts nothing. The cost is linear in the
 * document plus jurisdictions × parameters (which `MAX_RESOLVED_VALUES` bounds): it parses each
 * formula once and evaluates nothing. The embedded tests are not counted: they evaluate
 * households, as the API does.
 */
export function compileWork(version: RulesetVersion): CompileWork {
  let work = 0;
  let evaluations = 0;
  let largest: Share | null = null;
  const cost = (share: Share): number => (share.tokens + COMPILE_WORK_PER_EVALUATION) * share.times;
  const add = (path: string, tokens: number, times: number): void => {
    const share = { path, tokens, times };
    work += cost(share);
    evaluations += times;
    if (!largest || cost(share) > cost(largest)) largest = share;
  };
  const places = version.jurisdictions.length;
  const parsed = (source: string): { expression: Expression; tokens: number } | null => {
    try {
      return parseCounted(source);
    } catch (e) {
      if (e instanceof ExpressionSyntaxError) return null;
      throw e;
    }
  };

  const byJurisdiction = new Set(version.parameters.filter((p) => p.byJurisdiction).map((p) => p.key));
  version.parameters.forEach((parameter, i) => {
    const tokens = parameter.values.map((v) =>
      v.formula === undefined ? 0 : (parsed(v.formula)?.tokens ?? 0),
    );
    const path = (j: number) => pointer('parameters', i, 'values', j, 'formula');
    if (!parameter.byJurisdiction) {
      // Computed once and shared by every jurisdiction.
      const j = tokens.reduce((best, t, k) => (t > (tokens[best] ?? 0) ? k : best), 0);
      if ((tokens[j] ?? 0) > 0) add(path(j), tokens[j] as number, 1);
      return;
    }
    if (tokens.every((t) => t === 0)) return;
    const times = tokens.map(() => 0);
    const chooser = new ValueChooser(parameter);
    for (const j of version.jurisdictions) {
      const { choice } = chooser.choose(j.code, j.groups);
      if (choice) times[choice.index] = (times[choice.index] ?? 0) + 1;
    }
    tokens.forEach((t, j) => {
      if (t > 0 && (times[j] ?? 0) > 0) add(path(j), t, times[j] as number);
    });
  });

  type Site = FormulaSite & { tokens: number };
  const sites: Site[] = [];
  const site = (path: string, scope: Site['scope'], source: string, store?: string): void => {
    const p = parsed(source);
    if (p) sites.push({ path, scope, ast: p.expression, tokens: p.tokens, ...(store ? { store } : {}) });
  };
  version.derived.forEach((d, i) => site(pointer('derived', i, 'formula'), d.scope, d.formula, d.name));
  version.outcomes.forEach((o, i) =>
    (o.details ?? []).forEach((d, j) =>
      site(pointer('outcomes', i, 'details', j, 'formula'), o.scope, d.formula),
    ),
  );
  version.benefits.forEach((b, i) => site(pointer('benefits', i, 'amount'), b.scope, b.amount));
  const parameterKeys = new Set(version.parameters.map((p) => p.key));
  for (const s of constantSites(sites, (_, name) => parameterKeys.has(name), byJurisdiction))
    add(s.path, s.tokens, s.varies ? places : 1);

  version.constraints.forEach((c, i) => {
    const p = parsed(c.assert);
    if (!p) return;
    const times = constraintPerJurisdiction(c, p.expression, byJurisdiction) ? places : 1;
    add(pointer('constraints', i, 'assert'), p.tokens, times);
  });
  return { work, evaluations, largest };
}

/**
 * A problem at the document (path `''`, code `too-large`) when compiling and validating the version
 * would do more than {@link MAX_COMPILE_WORK} work evaluating formulas ({@link compileWork}); null
 * otherwise. Decided before anything is evaluated; costs a small fraction of a second.
 */
export function compileWorkProblem(version: RulesetVersion): FieldProblem | null {
  const { work, evaluations, largest } = compileWork(version);
  if (work <= MAX_COMPILE_WORK) return null;
  const heaviest = largest
    ? `; the largest share is ${largest.path}, ${largest.tokens} tokens × ${largest.times} evaluation${largest.times === 1 ? '' : 's'}`
    : '';
  return {
    path: '',
    message: `compiling this version would cost ${work} units of work evaluating formulas (${evaluations} evaluations in ${version.jurisdictions.length} jurisdictions, each counting its formula's tokens + ${COMPILE_WORK_PER_EVALUATION}${heaviest}); at most ${MAX_COMPILE_WORK} are allowed (shorten the formulas, vary fewer of them by jurisdiction, or split the ruleset)`,
    code: 'too-large',
  };
}
