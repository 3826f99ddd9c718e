/**
 * Ruleset format v1: the one contract for a ruleset version. The TypeBox schema below is
 * JSON Schema (written to `rulesets/schema/ruleset-v1.schema.json` for Monaco and the API) and
 * yields the TypeScript types the engine reads.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';

/** The format version this engine writes; older ones are migrated on load. */
export const CURRENT_FORMAT_VERSION = 1;

const IDENTIFIER = '^[A-Za-z][A-Za-z0-9_]*$';
const DOTTED_KEY = '^[a-z][A-Za-z0-9]*(\\.[a-z][A-Za-z0-9]*)*$';
const DECIMAL = '^-?[0-9]+(\\.[0-9]+)?$';
const ISO_DATE = '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$';

/**
 * The longest text, in characters (code points), each kind of text in a ruleset may hold. Texts are
 * copied into answers (labels and bases into every determination line and explanation), so their
 * length bounds the size of an answer; the shipped versions use at most a tenth of each.
 */
export const TEXT_LIMITS = {
  /** Labels, titles and names shown to people (each of zh and en), rule names, enum values. */
  label: 200,
  /** Legal bases, notes of sources, document titles and numbers, test names. */
  basis: 500,
  /**
   * Descriptions (each of zh and en), justification texts, and any other text anywhere in a
   * version (values in rule conditions and test households).
   */
  description: 4000,
  /** Identifiers, keys, codes, ids and references to them, rule and condition names, operators. */
  name: 100,
} as const;

const withExample = <T extends TSchema>(schema: T, example: unknown): T =>
  ({ ...schema, examples: [example] }) as T;

export const DecimalString = withExample(
  Type.String({ pattern: DECIMAL, description: 'A decimal number written as a string' }),
  '420.00',
);
export const IsoDate = withExample(
  Type.String({ pattern: ISO_DATE, description: 'A calendar date, YYYY-MM-DD' }),
  '2019-01-01',
);
const localized = (maxLength: number) =>
  withExample(
    Type.Object(
      {
        zh: Type.String({ minLength: 1, maxLength, description: 'Chinese text (shown first)' }),
        en: Type.String({ minLength: 1, maxLength, description: 'English text' }),
      },
      { additionalProperties: false },
    ),
    { zh: '农村低保标准', en: 'Rural dibao standard' },
  );
/** A label, title or name in Chinese and English, each at most `TEXT_LIMITS.label` characters. */
export const Localized = localized(TEXT_LIMITS.label);
/** A description in Chinese and English, each at most `TEXT_LIMITS.description` characters. */
export const LocalizedDescription = localized(TEXT_LIMITS.description);
const Name = (options: { description?: string } = {}) =>
  Type.String({ minLength: 1, maxLength: TEXT_LIMITS.name, ...options });
const Basis = withExample(
  Type.String({
    minLength: 1,
    maxLength: TEXT_LIMITS.basis,
    description: 'Legal basis: document number and clause',
  }),
  '十政办发〔2017〕8号 三(一)3',
);
const Formula = withExample(
  Type.String({ minLength: 1, description: 'An expression in the ruleset expression language' }),
  'dibaoStandard * unitSize - annualNetIncome / 12',
);
const Identifier = withExample(
  Type.String({ pattern: IDENTIFIER, maxLength: TEXT_LIMITS.name }),
  'annualNetIncome',
);
const Scope = Type.Union([Type.Literal('household'), Type.Literal('member')], {
  description: 'household: once per household; member: once per member',
});

export const SourceDocument = Type.Object(
  {
    id: withExample(Name(), 'shizhengbanfa-2017-8'),
    title: Type.String({ minLength: 1, maxLength: TEXT_LIMITS.basis }),
    number: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: TEXT_LIMITS.basis,
        description: 'Document number, e.g. 十政办发〔2017〕8号',
      }),
    ),
    date: Type.Optional(IsoDate),
    note: Type.Optional(Type.String({ maxLength: TEXT_LIMITS.basis })),
  },
  { additionalProperties: false },
);

export const Metadata = Type.Object(
  {
    key: withExample(
      Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: TEXT_LIMITS.name }),
      'shiyan-social-assistance',
    ),
    version: withExample(Type.String({ pattern: '^[0-9A-Za-z][0-9A-Za-z.-]*$', maxLength: 40 }), '2019'),
    effectiveFrom: IsoDate,
    reviewBy: Type.Optional({
      ...IsoDate,
      description:
        'Until when the figures are expected to hold (after effectiveFrom): answers for later dates carry the warning past-review-date',
      examples: ['2021-12-31'],
    }),
    title: Localized,
    description: Type.Optional(LocalizedDescription),
    sources: Type.Array(SourceDocument, { minItems: 1 }),
  },
  { additionalProperties: false },
);

export const JurisdictionGroup = Type.Object(
  {
    id: withExample(Type.String({ pattern: '^[a-z][a-z0-9-]*$', maxLength: TEXT_LIMITS.name }), 'city-area'),
    name: Localized,
  },
  { additionalProperties: false },
);

export const Jurisdiction = Type.Object(
  {
    code: withExample(Type.String({ pattern: '^[0-9A-Z]{6}$' }), '420302'),
    name: Localized,
    groups: Type.Array(Name(), { description: 'Ids of the groups it belongs to' }),
  },
  { additionalProperties: false },
);

export const FactType = Type.Union([
  Type.Literal('decimal'),
  Type.Literal('money'),
  Type.Literal('integer'),
  Type.Literal('boolean'),
  Type.Literal('date'),
  Type.Literal('string'),
  Type.Literal('enum'),
  Type.Literal('jurisdiction'),
]);

/**
 * What a number fact counts, for explanations (`200.00 元`, `1 人`): the parameter units and
 * `persons`. Absent: the number is shown without a unit.
 */
export const FactUnit = Type.Union(
  [
    Type.Literal('yuan/month'),
    Type.Literal('yuan/year'),
    Type.Literal('yuan'),
    Type.Literal('ratio'),
    Type.Literal('years'),
    Type.Literal('months'),
    Type.Literal('count'),
    Type.Literal('persons'),
  ],
  { description: 'The unit of a number fact, shown in explanations' },
);

const factProperties = {
  name: Identifier,
  type: FactType,
  label: Localized,
  unit: Type.Optional(FactUnit),
  description: Type.Optional(LocalizedDescription),
  required: Type.Optional(Type.Boolean({ description: 'Must be given; otherwise `default` applies' })),
  default: Type.Optional(
    Type.Union([Type.String({ maxLength: TEXT_LIMITS.label }), Type.Boolean(), Type.Number()]),
  ),
  minimum: Type.Optional(DecimalString),
  maximum: Type.Optional(DecimalString),
  values: Type.Optional(
    Type.Array(Type.String({ minLength: 1, maxLength: TEXT_LIMITS.label }), {
      minItems: 1,
      description: 'enum values',
    }),
  ),
  valueLabels: Type.Optional(
    Type.Record(Type.String({ minLength: 1, maxLength: TEXT_LIMITS.label }), Localized, {
      description: 'Words for the enum values, shown to officials instead of the codes',
    }),
  ),
  notAfterAsOf: Type.Optional(
    Type.Boolean({ description: 'A date that may not lie after the evaluation date' }),
  ),
};

/** An input fact of one scope; `object` facts group optional sub-facts one level deep. */
export const FactDeclaration = Type.Object(
  {
    ...factProperties,
    type: Type.Union([FactType, Type.Literal('object')]),
    properties: Type.Optional(
      Type.Array(Type.Object(factProperties, { additionalProperties: false }), { minItems: 1 }),
    ),
  },
  { additionalProperties: false },
);

export const Facts = Type.Object(
  {
    household: Type.Array(FactDeclaration),
    member: Type.Array(FactDeclaration),
    members: Type.Object(
      {
        minItems: Type.Integer({ minimum: 0 }),
        maxItems: Type.Integer({ minimum: 1 }),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

export const DerivedFact = Type.Object(
  {
    scope: Scope,
    name: Identifier,
    type: Type.Union([
      Type.Literal('decimal'),
      Type.Literal('integer'),
      Type.Literal('boolean'),
      Type.Literal('date'),
      Type.Literal('string'),
    ]),
    formula: Formula,
    label: Localized,
    unit: Type.Optional(FactUnit),
    description: Type.Optional(LocalizedDescription),
  },
  { additionalProperties: false },
);

export const Unit = Type.Union([
  Type.Literal('yuan/month'),
  Type.Literal('yuan/year'),
  Type.Literal('yuan'),
  Type.Literal('ratio'),
  Type.Literal('years'),
  Type.Literal('months'),
  Type.Literal('count'),
]);

export const Source = Type.Object(
  {
    type: Type.Union([Type.Literal('published'), Type.Literal('illustrative')]),
    document: Type.Optional(Name({ description: 'Id of a metadata source' })),
    note: Type.Optional(Type.String({ minLength: 1, maxLength: TEXT_LIMITS.basis })),
  },
  { additionalProperties: false },
);

export const ParameterValue = Type.Object(
  {
    for: Type.Optional(Name({ description: 'A jurisdiction code or group id; absent: everywhere' })),
    value: Type.Optional(DecimalString),
    formula: Type.Optional(Formula),
    source: Source,
  },
  { additionalProperties: false },
);

export const Parameter = Type.Object(
  {
    key: withExample(
      Type.String({ pattern: DOTTED_KEY, maxLength: TEXT_LIMITS.name }),
      'dibao.standard.rural',
    ),
    unit: Unit,
    label: Localized,
    description: Type.Optional(LocalizedDescription),
    basis: Basis,
    byJurisdiction: Type.Boolean(),
    values: Type.Array(ParameterValue, { minItems: 1 }),
  },
  { additionalProperties: false },
);

/**
 * A scheme heading for the editor's parameter grid (低保, 特困, 统计数据…): the parameters whose key
 * starts with one of `prefixes` (a whole key segment: `dibao` holds `dibao.standard.rural`), in the
 * order the groups are listed; a parameter no group claims is shown under "other". Presentation only:
 * evaluation never reads it.
 */
export const ParameterGroup = Type.Object(
  {
    id: Name(),
    label: Localized,
    prefixes: Type.Array(Type.String({ pattern: DOTTED_KEY, maxLength: TEXT_LIMITS.name }), {
      minItems: 1,
      maxItems: 100,
    }),
  },
  { additionalProperties: false },
);

export const OutcomeDetail = Type.Object(
  {
    name: Identifier,
    formula: Formula,
    type: Type.Union([
      Type.Literal('money'),
      Type.Literal('integer'),
      Type.Literal('decimal'),
      Type.Literal('boolean'),
      Type.Literal('string'),
    ]),
  },
  { additionalProperties: false },
);

export const Outcome = Type.Object(
  {
    name: Identifier,
    scope: Scope,
    label: Localized,
    basis: Basis,
    report: Type.Optional(Type.Boolean({ description: 'Show it under `eligibility` in determinations' })),
    details: Type.Optional(Type.Array(OutcomeDetail)),
  },
  { additionalProperties: false },
);

/** A json-rules-engine condition: exactly one of all / any / not / fact. */
export const Condition = Type.Recursive(
  (Self) =>
    Type.Object(
      {
        all: Type.Optional(Type.Array(Self)),
        any: Type.Optional(Type.Array(Self)),
        not: Type.Optional(Self),
        fact: Type.Optional(Name()),
        operator: Type.Optional(Name()),
        value: Type.Optional(Type.Unknown()),
        name: Type.Optional(Type.String({ maxLength: TEXT_LIMITS.label })),
      },
      { additionalProperties: false },
    ),
  { $id: 'Condition' },
);

export const Rule = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: TEXT_LIMITS.label }),
    priority: Type.Optional(Type.Integer({ minimum: 1 })),
    conditions: Condition,
    event: Type.Object(
      {
        type: withExample(
          Type.String({
            pattern: IDENTIFIER,
            maxLength: TEXT_LIMITS.name,
            description: 'The outcome it decides',
          }),
          'dibao',
        ),
        params: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

/** How amounts are rounded: decimal.js's rounding modes, by name. */
export const RoundingMode = Type.Union(
  [
    Type.Literal('halfUp'),
    Type.Literal('halfEven'),
    Type.Literal('halfDown'),
    Type.Literal('up'),
    Type.Literal('down'),
    Type.Literal('ceil'),
    Type.Literal('floor'),
  ],
  {
    description:
      'halfUp: half away from zero; halfEven: half to even; halfDown: half towards zero; up: away from zero; down: towards zero; ceil: towards +∞; floor: towards −∞',
  },
);

/** How each benefit line is rounded from its exact value. */
export const Rounding = withExample(
  Type.Object(
    {
      places: Type.Integer({
        minimum: 0,
        maximum: 2,
        description: 'Decimal places kept: 2 = fen, 1 = jiao, 0 = whole yuan',
      }),
      mode: RoundingMode,
      source: Type.Optional(Source),
    },
    { additionalProperties: false },
  ),
  { places: 2, mode: 'halfUp' },
);

/** How the totals of a determination are formed from its rounded lines. */
export const Totals = withExample(
  Type.Object(
    {
      monthsPerYear: Type.Integer({
        minimum: 1,
        maximum: 12,
        description:
          'How many times a monthly line counts in the annual total (annual = monthsPerYear × monthly lines + yearly lines)',
      }),
      source: Type.Optional(Source),
    },
    { additionalProperties: false },
  ),
  { monthsPerYear: 12 },
);

export const Benefit = Type.Object(
  {
    code: withExample(Type.String({ pattern: '^[a-z][a-z0-9_]*$', maxLength: TEXT_LIMITS.name }), 'dibao'),
    scope: Scope,
    period: Type.Union([Type.Literal('month'), Type.Literal('year'), Type.Literal('oneOff')]),
    when: withExample(
      Type.String({
        pattern: IDENTIFIER,
        maxLength: TEXT_LIMITS.name,
        description: 'The outcome that grants it',
      }),
      'dibao',
    ),
    amount: Formula,
    instalmentsPerYear: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 12,
        description:
          'Only with period "month": the amount formula gives a yearly standard (yuan/year), paid in this many instalments; each line shows one instalment, and the annual total counts the yearly standard itself',
      }),
    ),
    rounding: Type.Optional(Rounding),
    label: Localized,
    basis: Basis,
    description: Type.Optional(LocalizedDescription),
  },
  { additionalProperties: false },
);

export const Constraint = Type.Object(
  {
    id: withExample(
      Type.String({ pattern: '^[a-z][a-z0-9-]*$', maxLength: TEXT_LIMITS.name }),
      'rural-dibao-at-least-poverty-line',
    ),
    label: Localized,
    basis: Basis,
    severity: Type.Union([Type.Literal('error'), Type.Literal('warning')]),
    warningBefore: Type.Optional(IsoDate),
    forEachJurisdiction: Type.Optional(Type.Boolean()),
    assert: Formula,
  },
  { additionalProperties: false },
);

export const Justification = Type.Object(
  {
    constraint: Name(),
    jurisdiction: Type.Optional(Name()),
    text: Type.String({ minLength: 10, maxLength: TEXT_LIMITS.description }),
    recordedBy: Type.Optional(Name()),
  },
  { additionalProperties: false },
);

export const ExpectedLine = Type.Object(
  {
    code: Name(),
    memberId: Type.Optional(Type.Union([Type.String({ maxLength: TEXT_LIMITS.name }), Type.Null()])),
    amount: DecimalString,
  },
  { additionalProperties: false },
);

export const TestCase = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: TEXT_LIMITS.basis }),
    asOf: IsoDate,
    household: Type.Record(Type.String(), Type.Unknown()),
    expected: Type.Object(
      {
        benefits: Type.Array(ExpectedLine),
        totals: Type.Optional(
          Type.Object(
            { monthly: DecimalString, annual: DecimalString, oneOff: DecimalString },
            { additionalProperties: false },
          ),
        ),
        eligibility: Type.Optional(Type.Record(Type.String(), Type.Boolean())),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

export const RulesetVersionSchema = Type.Object(
  {
    $schema: Type.Optional(Type.String({ maxLength: TEXT_LIMITS.basis })),
    formatVersion: Type.Literal(CURRENT_FORMAT_VERSION),
    metadata: Metadata,
    jurisdictionGroups: Type.Array(JurisdictionGroup),
    jurisdictions: Type.Array(Jurisdiction, { minItems: 1 }),
    facts: Facts,
    derived: Type.Array(DerivedFact),
    parameters: Type.Array(Parameter),
    parameterGroups: Type.Optional(Type.Array(ParameterGroup, { maxItems: 100 })),
    outcomes: Type.Array(Outcome),
    rules: Type.Object(
      { household: Type.Array(Rule), member: Type.Array(Rule) },
      { additionalProperties: false },
    ),
    rounding: Rounding,
    totals: Totals,
    benefits: Type.Array(Benefit),
    constraints: Type.Array(Constraint),
    justifications: Type.Optional(Type.Array(Justification)),
    tests: Type.Array(TestCase),
  },
  {
    additionalProperties: false,
    $id: 'https://shiyan-rules.local/schema/ruleset-v1.schema.json',
    title: 'Ruleset version (format v1)',
  },
);

export type RulesetVersion = Static<typeof RulesetVersionSchema>;
export type FactDeclarationT = Static<typeof FactDeclaration>;
export type DerivedFactT = Static<typeof DerivedFact>;
export type ParameterT = Static<typeof Parameter>;
export type ParameterValueT = Static<typeof ParameterValue>;
export type ParameterGroupT = Static<typeof ParameterGroup>;
export type OutcomeT = Static<typeof Outcome>;
export type ConditionT = Static<typeof Condition>;
export type RuleT = Static<typeof Rule>;
export type BenefitT = Static<typeof Benefit>;
export type RoundingT = Static<typeof Rounding>;
export type RoundingModeT = Static<typeof RoundingMode>;
export type TotalsT = Static<typeof Totals>;
export type ConstraintT = Static<typeof Constraint>;
export type TestCaseT = Static<typeof TestCase>;
export type JurisdictionT = Static<typeof Jurisdiction>;
export type ScopeT = Static<typeof Scope>;
