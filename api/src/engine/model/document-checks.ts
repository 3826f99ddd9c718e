import { pointer, type FieldProblem } from '../errors';
import { EXPRESSION_DATE_RANGE, inDateRange, isCalendarDate } from '../expression/dates';
import { MAX_HOUSEHOLD_MEMBERS } from '../limits';
import type { RulesetVersion } from '../schema/ruleset.schema';

/** A problem when the version lets a household list more than {@link MAX_HOUSEHOLD_MEMBERS} members. */
export function membersLimitProblem(version: RulesetVersion): FieldProblem | null {
  return version.facts.members.maxItems > MAX_HOUSEHOLD_MEMBERS
    ? {
        path: pointer('facts', 'members', 'maxItems'),
        message: `must be at most ${MAX_HOUSEHOLD_MEMBERS}`,
        code: 'too-large',
      }
    : null;
}

/**
 * Checks of a version document that need no expression or rule: unique names and ids, known
 * groups, fact declarations that make sense, calendar dates, justifications and test dates.
 */
export function checkDocumentStructure(version: RulesetVersion, problems: FieldProblem[]): void {
  const unique = <T>(
    items: readonly T[],
    keyOf: (item: T) => string,
    path: (i: number) => string,
    what: string,
  ): void => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      const key = keyOf(item);
      if (seen.has(key))
        problems.push({ path: path(i), message: `duplicates the ${what} '${key}'`, code: 'duplicate' });
      seen.add(key);
    });
  };
  unique(
    version.jurisdictions,
    (j) => j.code,
    (i) => pointer('jurisdictions', i, 'code'),
    'jurisdiction code',
  );
  unique(
    version.jurisdictionGroups,
    (g) => g.id,
    (i) => pointer('jurisdictionGroups', i, 'id'),
    'group id',
  );
  unique(
    version.metadata.sources,
    (s) => s.id,
    (i) => pointer('metadata', 'sources', i, 'id'),
    'source id',
  );
  unique(
    version.outcomes,
    (o) => o.name,
    (i) => pointer('outcomes', i, 'name'),
    'outcome',
  );
  unique(
    version.benefits,
    (b) => b.code,
    (i) => pointer('benefits', i, 'code'),
    'benefit code',
  );
  unique(
    version.constraints,
    (c) => c.id,
    (i) => pointer('constraints', i, 'id'),
    'constraint id',
  );
  unique(
    version.tests,
    (t) => t.name,
    (i) => pointer('tests', i, 'name'),
    'test name',
  );
  const groupIds = new Set(version.jurisdictionGroups.map((g) => g.id));
  version.jurisdictions.forEach((j, i) =>
    j.groups.forEach((g, k) => {
      if (!groupIds.has(g))
        problems.push({
          path: pointer('jurisdictions', i, 'groups', k),
          message: `'${g}' is not a group in jurisdictionGroups`,
          code: 'unknown-group',
        });
    }),
  );
  const tooMany = membersLimitProblem(version);
  if (tooMany) problems.push(tooMany);
  if (version.facts.members.minItems > version.facts.members.maxItems) {
    problems.push({
      path: pointer('facts', 'members', 'minItems'),
      message: 'must not exceed maxItems',
      code: 'facts',
    });
  }
  (['household', 'member'] as const).forEach((scope) =>
    version.facts[scope].forEach((f, i) => {
      const at = (field: string) => pointer('facts', scope, i, field);
      if (f.type === 'enum' && !f.values)
        problems.push({
          path: at('values'),
          message: 'an enum fact lists its values, such as ["rural", "urban"]',
          code: 'facts',
        });
      const checkValueLabels = (
        fact: { values?: string[]; valueLabels?: Record<string, unknown> },
        path: string,
      ) => {
        for (const value of Object.keys(fact.valueLabels ?? {}))
          if (!(fact.values ?? []).includes(value))
            problems.push({
              path: `${path}/valueLabels/${value.replace(/~/g, '~0').replace(/\//g, '~1')}`,
              message: `names "${value}", which is not one of the fact's values`,
              code: 'facts',
            });
      };
      checkValueLabels(f, pointer('facts', scope, i));
      f.properties?.forEach((p, j) => checkValueLabels(p, pointer('facts', scope, i, 'properties', j)));
      if (f.type === 'object' && !f.properties)
        problems.push({
          path: at('properties'),
          message: 'an object fact lists its properties',
          code: 'facts',
        });
      if (f.type !== 'object' && f.properties)
        problems.push({
          path: at('properties'),
          message: 'only an object fact has properties',
          code: 'facts',
        });
      if (f.type === 'object' && scope === 'member')
        problems.push({
          path: at('type'),
          message:
            '成员事实不能是事实组(成员的输入不读取事实组) / a member fact cannot be a group of facts (an object): members are read without groups; declare its facts one by one',
          code: 'facts',
        });
      if (f.name === 'id' && scope === 'member')
        problems.push({ path: at('name'), message: "'id' is built in: every member has one", code: 'facts' });
    }),
  );
}

export function checkJustificationsAndTests(version: RulesetVersion, problems: FieldProblem[]): void {
  const calendar = (value: string | undefined, path: string): void => {
    if (value !== undefined && !isCalendarDate(value))
      problems.push({ path, message: `"${value}" is not a calendar date`, code: 'date' });
  };
  // Dates an evaluation reads (a test's asOf, the review date answers compare with) also lie in
  // the range of dates the service accepts.
  const evaluationDate = (value: string | undefined, path: string): void => {
    if (value === undefined) return;
    if (!isCalendarDate(value)) calendar(value, path);
    else if (!inDateRange(value))
      problems.push({
        path,
        message:
          `"${value}" 不在 ${EXPRESSION_DATE_RANGE.min} 至 ${EXPRESSION_DATE_RANGE.max} 之间 / ` +
          `is outside the dates ${EXPRESSION_DATE_RANGE.min} to ${EXPRESSION_DATE_RANGE.max}`,
        code: 'date',
      });
  };
  calendar(version.metadata.effectiveFrom, pointer('metadata', 'effectiveFrom'));
  evaluationDate(version.metadata.reviewBy, pointer('metadata', 'reviewBy'));
  version.metadata.sources.forEach((s, i) => calendar(s.date, pointer('metadata', 'sources', i, 'date')));
  version.constraints.forEach((c, i) =>
    calendar(c.warningBefore, pointer('constraints', i, 'warningBefore')),
  );
  version.tests.forEach((t, i) => evaluationDate(t.asOf, pointer('tests', i, 'asOf')));
  const constraintIds = new Set(version.constraints.map((c) => c.id));
  const places = new Set([
    ...version.jurisdictions.map((j) => j.code),
    ...version.jurisdictionGroups.map((g) => g.id),
  ]);
  (version.justifications ?? []).forEach((j, i) => {
    if (!constraintIds.has(j.constraint))
      problems.push({
        path: pointer('justifications', i, 'constraint'),
        message: `'${j.constraint}' is not a constraint of this version`,
        code: 'unknown-constraint',
      });
    if (j.jurisdiction !== undefined && !places.has(j.jurisdiction))
      problems.push({
        path: pointer('justifications', i, 'jurisdiction'),
        message: `'${j.jurisdiction}' is neither a jurisdiction code nor a group id`,
        code: 'unknown-jurisdiction',
      });
  });
  version.tests.forEach((t, i) => {
    if (t.asOf < version.metadata.effectiveFrom)
      problems.push({
        path: pointer('tests', i, 'asOf'),
        message: `is before the version's effectiveFrom ${version.metadata.effectiveFrom}`,
        code: 'test',
      });
  });
}
