/**
 * Tiny, valid format-v1 ruleset documents for unit tests, so that engine tests do not depend on the
 * Shiyan content. The base version has two jurisdictions in one group, three input facts, one
 * derived fact, two parameters (one per jurisdiction, one everywhere), and one household rule
 * deciding one outcome that grants one monthly benefit:
 *
 * - `monthlyIncome = annualNetIncome / 12`
 * - `support.standard`: 400.00 for the group `towns`, overridden to 450.00 for `A00002`
 * - `support.ratio`: 0.20 everywhere (read by no formula; constraints and overrides use it)
 * - outcome `support` when `monthlyIncome < support.standard`
 * - benefit `support` (household, month) = `support.standard - monthlyIncome`
 * - lines rounded to the fen, half up; the annual total counts a monthly line 12 times
 *
 * Each call returns a fresh deep copy, so a test may change nested fields freely.
 */
import type {
  BenefitT,
  FactDeclarationT,
  OutcomeT,
  ParameterT,
  RuleT,
  RulesetVersion,
} from '../../api/src/engine/schema/ruleset.schema';

/** The two jurisdiction codes of the base version; both are in the group `towns`. */
export const J1 = 'A00001';
export const J2 = 'A00002';

/** The basis every item of the base version cites. */
export const TEST_BASIS = 'Test order No. 1 §2';

/** A `{ zh, en }` label with the same text in both languages. */
export const text = (value: string): { zh: string; en: string } => ({ zh: value, en: value });

/** A published source for a parameter value (the base version's only source document). */
export const published = { type: 'published' as const, document: 'test-order' };

/** A literal parameter, the same everywhere unless `values` is given. */
export function parameter(key: string, value: string, overrides: Partial<ParameterT> = {}): ParameterT {
  return {
    key,
    unit: 'yuan/month',
    label: text(key),
    basis: TEST_BASIS,
    byJurisdiction: false,
    values: [{ value, source: published }],
    ...overrides,
  };
}

/** An input fact declaration (its type kept literal, so it can be a property of an object fact). */
export function fact<T extends FactDeclarationT['type']>(
  name: string,
  type: T,
  overrides: Partial<FactDeclarationT> = {},
): FactDeclarationT & { type: T } {
  return { ...overrides, name, type, label: overrides.label ?? text(name) };
}

/** An outcome declaration. */
export function outcome(name: string, scope: OutcomeT['scope'], overrides: Partial<OutcomeT> = {}): OutcomeT {
  return { name, scope, label: text(name), basis: TEST_BASIS, ...overrides };
}

/** A rule deciding `outcome` when every listed condition holds. */
export function rule(name: string, outcome: string, all: RuleT['conditions'][]): RuleT {
  return { name, conditions: { all }, event: { type: outcome } };
}

/** A benefit granted by `when`. */
export function benefit(
  code: string,
  scope: BenefitT['scope'],
  period: BenefitT['period'],
  when: string,
  amount: string,
  overrides: Partial<BenefitT> = {},
): BenefitT {
  return {
    code,
    scope,
    period,
    when,
    amount,
    label: text(code),
    basis: `${TEST_BASIS} (${code})`,
    ...overrides,
  };
}

const BASE: RulesetVersion = {
  formatVersion: 1,
  metadata: {
    key: 'test-ruleset',
    version: '2019',
    effectiveFrom: '2019-01-01',
    title: text('Test ruleset'),
    sources: [{ id: 'test-order', title: 'Test order No. 1' }],
  },
  jurisdictionGroups: [{ id: 'towns', name: text('Towns') }],
  jurisdictions: [
    { code: J1, name: { zh: '甲镇', en: 'Alpha' }, groups: ['towns'] },
    { code: J2, name: { zh: '乙镇', en: 'Beta' }, groups: ['towns'] },
  ],
  facts: {
    household: [
      fact('jurisdiction', 'jurisdiction', { required: true }),
      fact('annualNetIncome', 'decimal', { required: true, minimum: '0', maximum: '1000000' }),
    ],
    member: [fact('birthDate', 'date', { required: true, notAfterAsOf: true })],
    members: { minItems: 1, maxItems: 4 },
  },
  derived: [
    {
      scope: 'household',
      name: 'monthlyIncome',
      type: 'decimal',
      formula: 'annualNetIncome / 12',
      label: text('Monthly income'),
    },
  ],
  parameters: [
    parameter('support.standard', '400.00', {
      byJurisdiction: true,
      values: [
        { for: 'towns', value: '400.00', source: published },
        { for: J2, value: '450.00', source: { type: 'illustrative', note: 'chosen for the tests' } },
      ],
    }),
    parameter('support.ratio', '0.20', { unit: 'ratio' }),
  ],
  outcomes: [
    outcome('support', 'household', {
      report: true,
      details: [{ name: 'monthlyIncome', formula: 'monthlyIncome', type: 'money' }],
    }),
  ],
  rules: {
    household: [
      rule('support: monthly income below the standard', 'support', [
        { fact: 'monthlyIncome', operator: 'decimalLessThan', value: { fact: 'support.standard' } },
      ]),
    ],
    member: [],
  },
  rounding: { places: 2, mode: 'halfUp' },
  totals: { monthsPerYear: 12 },
  benefits: [benefit('support', 'household', 'month', 'support', 'support.standard - monthlyIncome')],
  constraints: [],
  tests: [],
};

/**
 * A fresh, valid, minimal format-v1 version document; `overrides` replace whole top-level fields.
 * @example compileVersion(minimalVersion({ constraints: [...] }))
 */
export function minimalVersion(overrides: Partial<RulesetVersion> = {}): RulesetVersion {
  return structuredClone({ ...BASE, ...overrides });
}

/** A valid household for the base version: one member born in 1980, in {@link J1}. */
export function household(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    jurisdiction: J1,
    annualNetIncome: '2400',
    members: [{ id: 'p1', birthDate: '1980-05-17' }],
    ...overrides,
  };
}
