/**
 * The engine's words for people, in Chinese (first) and English: units, yes/no, comparisons.
 * Policy never lives here: labels, units and rule names come from the ruleset; this is only how
 * they are joined into sentences.
 */

/** The language of text built for people: `zh` (the default) or `en`. */
export type Language = 'zh' | 'en';

/** The languages, the default first. */
export const LANGUAGES: readonly Language[] = ['zh', 'en'];

/**
 * The language an HTTP `Accept-Language` header asks for: `zh` when it is absent or its first
 * language is Chinese (`zh`, `zh-CN`, `zh-Hans;q=0.9` …), `en` otherwise.
 */
export function languageOf(acceptLanguage: string | undefined | null): Language {
  if (acceptLanguage === undefined || acceptLanguage === null) return 'zh';
  const first = firstLanguageTag(acceptLanguage);
  if (first === '' || first === '*') return 'zh';
  return first.startsWith('zh') ? 'zh' : 'en';
}

/** The first language an `Accept-Language` header names, lower case (`zh-cn;q=0.9`), or ''. */
export function firstLanguageTag(acceptLanguage: string): string {
  return acceptLanguage.split(',')[0]?.trim().toLowerCase() ?? '';
}

/** A text in both languages. */
export interface Bilingual {
  zh: string;
  en: string;
}

/** How a number with a unit reads: the word after it (empty: none), in each language. */
export const UNIT_WORDS: Readonly<Record<string, Bilingual>> = {
  'yuan/month': { zh: '元', en: 'yuan' },
  'yuan/year': { zh: '元', en: 'yuan' },
  yuan: { zh: '元', en: 'yuan' },
  ratio: { zh: '', en: '' },
  years: { zh: '岁', en: 'years' },
  months: { zh: '个月', en: 'months' },
  count: { zh: '', en: '' },
  persons: { zh: '人', en: 'persons' },
};

/** The English word for one of a unit, where it differs: `1 person`. */
export const SINGULAR_WORDS: Readonly<Record<string, string>> = {
  persons: 'person',
  years: 'year',
  months: 'month',
};

/** Units whose values are money: shown with two decimals. */
export const MONEY_UNITS: ReadonlySet<string> = new Set(['yuan/month', 'yuan/year', 'yuan']);

/**
 * How each rule operator reads between two values, when the comparison held and when it did not
 * (so that the sentence is always true: `200.00 元,低于 395.00 元`, `500.00 元,不低于 400.00 元`).
 */
export const RELATION_WORDS: Readonly<Record<string, { held: Bilingual; failed: Bilingual }>> = {
  decimalLessThan: { held: { zh: '低于', en: 'below' }, failed: { zh: '不低于', en: 'not below' } },
  decimalLessThanInclusive: {
    held: { zh: '不高于', en: 'at most' },
    failed: { zh: '高于', en: 'above' },
  },
  decimalGreaterThan: { held: { zh: '高于', en: 'above' }, failed: { zh: '不高于', en: 'not above' } },
  decimalGreaterThanInclusive: {
    held: { zh: '不低于', en: 'at least' },
    failed: { zh: '低于', en: 'below' },
  },
  decimalEqual: { held: { zh: '等于', en: 'equal to' }, failed: { zh: '不等于', en: 'not equal to' } },
  decimalNotEqual: { held: { zh: '不等于', en: 'not equal to' }, failed: { zh: '等于', en: 'equal to' } },
  equal: { held: { zh: '为', en: 'is' }, failed: { zh: '不为', en: 'is not' } },
  notEqual: { held: { zh: '不为', en: 'is not' }, failed: { zh: '为', en: 'is' } },
  in: { held: { zh: '属于', en: 'is one of' }, failed: { zh: '不属于', en: 'is not one of' } },
  notIn: { held: { zh: '不属于', en: 'is not one of' }, failed: { zh: '属于', en: 'is one of' } },
};

/** Small words of explanations. */
export const WORDS = {
  yes: { zh: '是', en: 'yes' },
  no: { zh: '否', en: 'no' },
  /** Between a name and its value: `家庭财产符合规定:是`. */
  colon: { zh: ':', en: ': ' },
  /** Between a value and its comparison: `200.00 元,低于 …`. */
  comma: { zh: ',', en: ', ' },
  /** Between conditions. */
  semicolon: { zh: ';', en: '; ' },
  notMet: { zh: '不符合', en: 'not met' },
  member: { zh: '成员', en: 'member' },
  notCountedIn: { zh: '不计入', en: 'is not counted in' },
  noMemberQualifies: { zh: '没有成员符合', en: 'no member meets' },
  min: { zh: '较小值', en: 'min' },
  max: { zh: '较大值', en: 'max' },
} satisfies Record<string, Bilingual>;
