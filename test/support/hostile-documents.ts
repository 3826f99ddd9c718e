/**
 * Hostile ruleset documents, one per kind of content that once stalled, crashed or bloated the
 * service: numbers without bounds, unbounded nesting, quadratic "did you mean" hints, names from the
 * JavaScript prototype, defaults of the wrong type. Each is a copy of the shipped 2020 version with
 * one kind of damage, small on purpose, and says what the service must answer.
 */
import type { RulesetVersion } from '../../api/src/engine/schema/ruleset.schema';
import { SHIYAN, readRepoText } from './shipped-rulesets';

/** How the service must treat a hostile document. */
export type HostileOutcome =
  /** The PUT itself is refused (422) with a problem at each of these paths. */
  | { put: 'refused'; paths: RegExp[] }
  /** The PUT is stored; validate answers `valid: false` with a problem at each of these paths. */
  | { put: 'stored'; invalidAt: RegExp[]; messages?: RegExp[] };

/** One hostile document. */
export interface HostileDocument {
  name: string;
  build(label: string): RulesetVersion;
  outcome: HostileOutcome;
}

type Parameter = RulesetVersion['parameters'][number];
type Derived = RulesetVersion['derived'][number];

/** The shipped 2020 version, relabelled, as the base of every hostile document. */
export function baseDocument(label: string): RulesetVersion {
  const document = JSON.parse(readRepoText(`rulesets/${SHIYAN}/2020.json`)) as RulesetVersion;
  document.metadata.version = label;
  return document;
}

const illustrative = { type: 'illustrative', note: '恶意测试 / hostile test' } as const;

function parameter(key: string, value: { value: string } | { formula: string }): Parameter {
  return {
    key,
    unit: 'yuan/month',
    label: { zh: `测试参数${key}`, en: `Test parameter ${key}` },
    basis: '十政办发〔2017〕8号 三(一)1',
    byJurisdiction: false,
    values: [{ ...value, source: illustrative }],
  } as Parameter;
}

function derived(name: string, formula: string, scope: 'household' | 'member' = 'household'): Derived {
  return {
    scope,
    name,
    type: 'decimal',
    formula,
    label: { zh: `测试${name}`, en: `Test ${name}` },
  } as Derived;
}

/** Adds a derived fact (household scope) whose formula is `formula`, returning its index. */
function withDerived(document: RulesetVersion, name: string, formula: string): number {
  document.derived.push(derived(name, formula));
  return document.derived.length - 1;
}

const DEPTH = 1500;
const nested = {
  parentheses: `${'('.repeat(DEPTH)}1${')'.repeat(DEPTH)}`,
  unaryMinus: `${'-'.repeat(DEPTH)}1`,
  not: `if(${'not '.repeat(DEPTH)}true, 1, 0)`,
  abs: `${'abs('.repeat(DEPTH)}1${')'.repeat(DEPTH)}`,
  terms: `1${'+0'.repeat(100_000)}`,
};

/** Every hostile document of the issue, each with what the service must answer. */
export const HOSTILE_DOCUMENTS: HostileDocument[] = [
  {
    name: 'a parameter literal of 10^100',
    build: (label) => {
      const d = baseDocument(label);
      d.parameters.push(parameter('hostile.p0', { value: `1${'0'.repeat(100)}` }));
      return d;
    },
    outcome: { put: 'refused', paths: [/^\/parameters\/\d+\/values\/0\/value$/] },
  },
  {
    name: 'a chain of 19 parameters, each the square of the one before',
    build: (label) => {
      const d = baseDocument(label);
      d.parameters.push(parameter('hostile.p0', { value: '1000' }));
      for (let i = 1; i < 20; i++)
        d.parameters.push(parameter(`hostile.p${i}`, { formula: `hostile.p${i - 1} * hostile.p${i - 1}` }));
      return d;
    },
    outcome: {
      put: 'stored',
      invalidAt: [/^\/parameters\/\d+\/values\/0\/formula$/],
      messages: [/hostile\.p3|420325|10\^/],
    },
  },
  {
    name: 'a chain of squared derived facts ending in a benefit amount (q - q)',
    build: (label) => {
      const d = baseDocument(label);
      withDerived(d, 'q0', 'annualNetIncome + 1000');
      for (let i = 1; i < 20; i++) withDerived(d, `q${i}`, `q${i - 1} * q${i - 1}`);
      const dibao = d.benefits.find((b) => b.code === 'dibao') as RulesetVersion['benefits'][number];
      dibao.amount = 'q19 - q19';
      return d;
    },
    outcome: { put: 'stored', invalidAt: [/^\/tests\/\d+$/] },
  },
  ...Object.entries(nested).map(([kind, formula]): HostileDocument => ({
    name: `an expression nested ${kind === 'terms' ? 'with 100,000 +0 terms' : `${DEPTH} deep (${kind})`}`,
    build: (label) => {
      const d = baseDocument(label);
      withDerived(d, 'hostileNested', formula);
      return d;
    },
    outcome: { put: 'refused', paths: [/^\/derived\/\d+\/formula$/] },
  })),
  {
    name: '500 derived facts using unknown names (quadratic hints)',
    build: (label) => {
      const d = baseDocument(label);
      for (let i = 0; i < 500; i++) {
        const n = String(i).padStart(3, '0');
        withDerived(
          d,
          `hint${n}`,
          `unknownIncomeName${n}AlphaBetaGammaDelta + anotherMissingParameterName${n}EpsilonZetaEta * thirdUnknownValue${n}ThetaIotaKappaLambda - fourthAbsentFactName${n}MuNuXiOmicron`,
        );
      }
      return d;
    },
    outcome: { put: 'stored', invalidAt: [/^\/derived\/\d+\/formula$/] },
  },
  {
    name: 'functions named after the JavaScript prototype (toString, constructor, valueOf)',
    build: (label) => {
      const d = baseDocument(label);
      withDerived(d, 'protoA', 'toString(annualNetIncome)');
      withDerived(d, 'protoB', 'constructor(annualNetIncome)');
      withDerived(d, 'protoC', 'valueOf(annualNetIncome) + hasOwnProperty(1)');
      return d;
    },
    outcome: {
      put: 'stored',
      invalidAt: [/^\/derived\/\d+\/formula$/],
      messages: [/toString/, /constructor/, /valueOf/],
    },
  },
  {
    name: 'a rule operator named constructor',
    build: (label) => {
      const d = baseDocument(label);
      const rule = d.rules.household[0] as RulesetVersion['rules']['household'][number];
      const all = (rule.conditions as { all: { operator?: string }[] }).all;
      (all[0] as { operator: string }).operator = 'constructor';
      return d;
    },
    outcome: {
      put: 'stored',
      invalidAt: [/^\/rules\/household\/0\/conditions\/all\/0\/operator$/],
      messages: [/constructor/],
    },
  },
  {
    name: 'a boolean fact whose default is "no"',
    build: (label) => {
      const d = baseDocument(label);
      const fact = d.facts.household.find((f) => f.name === 'assetsWithinLimit') as { default?: unknown };
      fact.default = 'no';
      return d;
    },
    outcome: { put: 'stored', invalidAt: [/^\/facts\/household\/\d+\/default$/] },
  },
];

/** A fact named `toString`: it must either work like any other fact or be refused by validation. */
export function toStringFactDocument(label: string): RulesetVersion {
  const d = baseDocument(label);
  d.facts.household.push({
    name: 'toString',
    type: 'decimal',
    minimum: '0',
    maximum: '100',
    default: '0',
    label: { zh: '测试事实', en: 'Test fact' },
  } as RulesetVersion['facts']['household'][number]);
  return d;
}
