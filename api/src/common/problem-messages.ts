import { firstLanguageTag, type Bilingual, type Language } from '../engine';
import type { ProblemDetails } from './problem-details';

/**
 * The one catalogue of problem texts in Chinese and English, keyed by stable codes.
 *
 * Problems are built in English where they arise (the engine, the services, the HTTP layer), so
 * that the English answer stays as it is. For a Chinese answer, {@link localizeProblem} takes the
 * title from {@link PROBLEM_TITLES} by the problem's code, and each detail and field message from
 * {@link MESSAGES}: every entry there has a stable code, the English form it is written in (a
 * template whose holes hold its variable parts, matched in linear time) and the Chinese sentence
 * that says the same. A message
 * the catalogue does not know yet stays in English: nothing is lost, and the catalogue's test lists
 * every entry with an example.
 */

/** The language of problem details: Chinese when `Accept-Language` starts with `zh`, English otherwise. */
export function problemLanguageOf(acceptLanguage: string | string[] | undefined): Language {
  const header = Array.isArray(acceptLanguage) ? acceptLanguage[0] : acceptLanguage;
  return header !== undefined && firstLanguageTag(header).startsWith('zh') ? 'zh' : 'en';
}

/** Problem titles by the problem's code (the last segment of its `type`). */
export const PROBLEM_TITLES: Readonly<Record<string, Bilingual>> = {
  'invalid-request': { zh: '请求无效', en: 'Invalid request' },
  'invalid-input': { zh: '输入无效', en: 'Invalid input' },
  'invalid-ruleset': { zh: '规则集无效', en: 'Invalid ruleset' },
  'evaluation-failed': { zh: '计算失败', en: 'Evaluation failed' },
  'no-version-in-force': { zh: '没有生效的版本', en: 'No version in force' },
  'malformed-json': { zh: 'JSON 格式错误', en: 'Malformed JSON' },
  'unsupported-media-type': { zh: '不支持的内容类型', en: 'Unsupported media type' },
  'payload-too-large': { zh: '请求体过大', en: 'Payload too large' },
  'invalid-url': { zh: '网址无效', en: 'Bad request' },
  'not-found': { zh: '未找到', en: 'Not found' },
  conflict: { zh: '状态冲突', en: 'Conflict' },
  forbidden: { zh: '无权操作', en: 'Forbidden' },
  unauthenticated: { zh: '未认证', en: 'Unauthorized' },
  'precondition-required': { zh: '缺少前提条件', en: 'Precondition required' },
  'precondition-failed': { zh: '前提条件不成立', en: 'Precondition failed' },
  unprocessable: { zh: '无法处理的内容', en: 'Unprocessable content' },
  'too-large': { zh: '内容过大', en: 'Unprocessable content' },
  'too-many-requests': { zh: '请求过多', en: 'Too many requests' },
  'database-unavailable': { zh: '数据库不可用', en: 'Database unavailable' },
  'service-busy': { zh: '服务繁忙', en: 'Service busy' },
  'task-timeout': { zh: '处理超时', en: 'Took too long' },
  internal: { zh: '内部错误', en: 'Internal error' },
};

/**
 * One message of the catalogue: its stable code, its English form and its Chinese sentence.
 *
 * The English form is a template, not a regular expression: literal text with holes in braces.
 * `{text}` is text the user wrote (a name, a value: never split, and shortened in the Chinese
 * sentence when long, see {@link elideQuoted}), `{list}` and `{name}` are text the version or the
 * service wrote, `{word}` has no space, `{digits}` only digits, `{a|b}` is one of the alternatives.
 * Matching a template finds each literal once, so it takes time linear in the message's length,
 * whatever the message.
 */
export interface CatalogueMessage {
  code: string;
  /** The English message as a template (or several, the first that matches is used). */
  en: string | readonly string[];
  /** The Chinese message, from the holes' text in order. */
  zh: (...parts: string[]) => string;
  /** An English message of this form (the catalogue's test checks that it is recognised). */
  example: string;
}

/** User text longer than this many characters is shortened in a Chinese sentence. */
export const QUOTED_LIMIT = 100;

/**
 * User text as quoted in a Chinese sentence: whole up to {@link QUOTED_LIMIT} characters, otherwise
 * its first 60 and last 20 characters around an ellipsis and the count of characters left out, so
 * that a sentence stays short whatever was sent.
 */
export function elideQuoted(text: string): string {
  if (text.length <= QUOTED_LIMIT) return text;
  return `${text.slice(0, 60)}…(省略 ${text.length - 80} 个字符)…${text.slice(-20)}`;
}

type Hole = 'text' | 'list' | 'name' | 'word' | 'digits' | readonly string[];

/** A template cut into its literals and its holes: `literals.length === holes.length + 1`. */
interface Template {
  literals: string[];
  holes: Hole[];
  /** The hole that takes any ambiguity (the first user text, else the last hole). */
  absorber: number;
}

const compiled = new Map<string, Template>();

function compileTemplate(template: string): Template {
  const cached = compiled.get(template);
  if (cached) return cached;
  const pieces = template.split(/\{([^{}]*)\}/);
  const literals = pieces.filter((_, i) => i % 2 === 0);
  const holes: Hole[] = pieces
    .filter((_, i) => i % 2 === 1)
    .map((h) => (['text', 'list', 'name', 'word', 'digits'].includes(h) ? (h as Hole) : h.split('|')));
  const firstText = holes.indexOf('text');
  const result = { literals, holes, absorber: firstText >= 0 ? firstText : holes.length - 1 };
  compiled.set(template, result);
  return result;
}

const WORD = /^\S+$/;
const DIGITS = /^\d+$/;

function fits(hole: Hole, part: string): boolean {
  if (part.length === 0) return false;
  if (hole === 'word') return WORD.test(part);
  if (hole === 'digits') return DIGITS.test(part);
  if (typeof hole === 'string') return true;
  return hole.includes(part);
}

/**
 * The holes' text of `message` read by `template`, or null when it does not fit. Literals left of
 * the absorbing hole are found from the start (their first occurrence), those right of it from the
 * end (their last occurrence), so the user's text is taken whole, never split where it happens to
 * contain a literal of the template; each literal is looked for once (linear time).
 */
export function matchTemplate(template: string, message: string): string[] | null {
  const { literals, holes, absorber } = compileTemplate(template);
  const first = literals[0]!;
  const last = literals[literals.length - 1]!;
  if (holes.length === 0) return message === first ? [] : null;
  if (!message.startsWith(first) || !message.endsWith(last)) return null;
  let start = first.length;
  let end = message.length - last.length;
  if (end <= start) return null;
  const parts: string[] = new Array<string>(holes.length);
  // Left of the absorber: hole i ends where literal i + 1 first occurs.
  for (let i = 0; i < absorber; i++) {
    const literal = literals[i + 1]!;
    const at = message.indexOf(literal, start + 1);
    if (at < 0 || at + literal.length > end) return null;
    parts[i] = message.slice(start, at);
    start = at + literal.length;
  }
  // Right of the absorber: hole i starts where literal i last occurs.
  for (let i = holes.length - 1; i > absorber; i--) {
    const literal = literals[i]!;
    const at = message.lastIndexOf(literal, end - 1 - literal.length);
    if (at < start + 1) return null;
    parts[i] = message.slice(at + literal.length, end);
    end = at;
  }
  parts[absorber] = message.slice(start, end);
  for (let i = 0; i < holes.length; i++) if (!fits(holes[i]!, parts[i]!)) return null;
  return parts.map((part, i) => (holes[i] === 'text' ? elideQuoted(part) : part));
}

/** The holes' text of `message` read by the entry's first template that fits, or null. */
export function matchMessage(entry: CatalogueMessage, message: string): string[] | null {
  for (const template of typeof entry.en === 'string' ? [entry.en] : entry.en) {
    const parts = matchTemplate(template, message);
    if (parts) return parts;
  }
  return null;
}

/** Every message the catalogue translates, the most common first. */
export const MESSAGES: readonly CatalogueMessage[] = [
  // Dates and request fields (the HTTP layer).
  {
    code: 'date-format',
    en: [
      'must be a date written YYYY-MM-DD, such as "{word}" (got {text})',
      'must be a date written YYYY-MM-DD, such as "{word}"',
    ],
    zh: (example, got) => `必须是 YYYY-MM-DD 格式的日期,例如 "${example}"${got ? `(收到 ${got})` : ''}`,
    example: 'must be a date written YYYY-MM-DD, such as "2019-06-30"',
  },
  {
    code: 'not-a-calendar-date',
    en: 'is not a calendar date: {word} does not exist',
    zh: (date) => `不是有效的日历日期:${date} 不存在`,
    example: 'is not a calendar date: 2019-02-30 does not exist',
  },
  {
    code: 'date-range',
    en: 'must be a date from {word} to {word}',
    zh: (from, to) => `必须是 ${from} 至 ${to} 之间的日期`,
    example: 'must be a date from 1900-01-01 to 2999-12-31',
  },
  {
    code: 'unknown-field',
    en: 'is not a known field',
    zh: () => '不是已知字段',
    example: 'is not a known field',
  },
  {
    code: 'invalid-fields',
    en: ['The {request|input} has {digits} invalid fields', 'The {request|input} has {digits} invalid field'],
    zh: (what, count) => `${what === 'request' ? '请求' : '输入'}有 ${count} 处字段无效`,
    example: 'The input has 2 invalid fields',
  },
  {
    code: 'more-invalid-fields',
    en: 'and {digits} more invalid fields',
    zh: (count) => `另有 ${count} 处字段无效`,
    example: 'and 12 more invalid fields',
  },
  {
    code: 'household-object',
    en: 'must be an object with the household facts',
    zh: () => '必须是包含家庭事实的对象',
    example: 'must be an object with the household facts',
  },
  {
    code: 'jurisdiction-code',
    en: ['must be a jurisdiction code such as "{word}"'],
    zh: (code) => `必须是县级行政区代码,例如 "${code}"`,
    example: 'must be a jurisdiction code such as "420325"',
  },
  {
    code: 'version-label',
    en: ['must be a version label such as "{word}" (letters, digits, . and -)'],
    zh: (label) => `必须是版本标签,例如 "${label}"(字母、数字、. 和 -)`,
    example: 'must be a version label such as "2021" (letters, digits, . and -)',
  },
  // The body itself.
  {
    code: 'malformed-json',
    en: 'The request body is not valid JSON',
    zh: () => '请求体不是有效的 JSON',
    example: 'The request body is not valid JSON',
  },
  {
    code: 'invalid-utf8',
    en: 'The request body is not UTF-8 text: byte {digits} is not part of a UTF-8 character',
    zh: (offset) => `请求体不是 UTF-8 文本:第 ${offset} 字节(从 0 数起)不属于任何 UTF-8 字符`,
    example: 'The request body is not UTF-8 text: byte 17 is not part of a UTF-8 character',
  },
  {
    code: 'invalid-utf8-field',
    en: 'is not UTF-8 text (send JSON encoded as UTF-8)',
    zh: () => '不是 UTF-8 文本(请以 UTF-8 编码发送 JSON)',
    example: 'is not UTF-8 text (send JSON encoded as UTF-8)',
  },
  {
    code: 'malformed-json-field',
    en: 'is not valid JSON',
    zh: () => '不是有效的 JSON',
    example: 'is not valid JSON',
  },
  {
    code: 'content-type',
    en: "The request body was sent with {text}; the service reads JSON bodies only: send Content-Type: application/json (curl: -H 'Content-Type: application/json')",
    zh: (declared) =>
      `请求体的内容类型为 ${declared === 'no Content-Type' ? '(无)' : declared.replace(/^Content-Type /, '')};本服务只读取 JSON 请求体:请发送 Content-Type: application/json(curl:-H 'Content-Type: application/json')`,
    example:
      "The request body was sent with Content-Type text/plain; the service reads JSON bodies only: send Content-Type: application/json (curl: -H 'Content-Type: application/json')",
  },
  {
    code: 'content-type-field',
    en: 'must be sent with Content-Type: application/json',
    zh: () => '必须以 Content-Type: application/json 发送',
    example: 'must be sent with Content-Type: application/json',
  },
  {
    code: 'payload-too-large',
    en: 'The request body is larger than the service accepts',
    zh: () => '请求体超过服务允许的大小',
    example: 'The request body is larger than the service accepts',
  },
  {
    code: 'internal',
    en: 'The service failed unexpectedly; the failure is logged',
    zh: () => '服务意外失败,已记录该错误',
    example: 'The service failed unexpectedly; the failure is logged',
  },
  {
    code: 'database-unavailable',
    en: 'The database cannot be reached; published rulesets are still evaluated. Try again shortly.',
    zh: () => '无法连接数据库;已发布的规则集仍可计算。请稍后重试。',
    example: 'The database cannot be reached; published rulesets are still evaluated. Try again shortly.',
  },
  // Versions and rulesets.
  {
    code: 'no-version-in-force',
    en: 'No published version of {word} is in force on {word}: versions exist from {word} on',
    zh: (key, asOf, first) => `${asOf} 没有生效的 ${key} 已发布版本:版本自 ${first} 起生效`,
    example:
      'No published version of shiyan-social-assistance is in force on 2016-01-01: versions exist from 2017-02-25 on',
  },
  {
    code: 'no-version-at-all',
    en: 'No published version of {word} is in force on {word}: it has no published version',
    zh: (key, asOf) => `${asOf} 没有生效的 ${key} 已发布版本:该规则集尚无已发布版本`,
    example: 'No published version of x is in force on 2020-01-01: it has no published version',
  },
  {
    code: 'no-published-ruleset',
    en: 'There is no published ruleset "{text}"',
    zh: (key) => `没有已发布的规则集 "${key}"`,
    example: 'There is no published ruleset "nope"',
  },
  {
    code: 'no-ruleset',
    en: 'There is no ruleset "{text}"',
    zh: (key) => `没有规则集 "${key}"`,
    example: 'There is no ruleset "nope"',
  },
  {
    code: 'no-version',
    en: 'Ruleset "{text}" has no version "{text}"',
    zh: (key, label) => `规则集 "${key}" 没有版本 "${label}"`,
    example: 'Ruleset "shiyan-social-assistance" has no version "2099"',
  },
  // Sign-in.
  {
    code: 'wrong-credentials',
    en: 'Wrong username or password',
    zh: () => '用户名或密码错误',
    example: 'Wrong username or password',
  },
  {
    code: 'invalid-token',
    en: 'The token is not valid or has expired',
    zh: () => '令牌无效或已过期',
    example: 'The token is not valid or has expired',
  },
  // Household input (the engine's checks of the version's facts).
  {
    code: 'members-required',
    en: 'is required: a list of {digits} to {digits} members, each with an "id"',
    zh: (min, max) => `必填:${min} 至 ${max} 名成员的列表,每人带 "id"`,
    example: 'is required: a list of 1 to 30 members, each with an "id"',
  },
  {
    code: 'required-fact',
    en: 'is required: {text}',
    zh: (what) => `必填:${what}`,
    example: 'is required: Annual net household income',
  },
  {
    code: 'unknown-fact',
    en: 'is not a known fact; expected one of {list}',
    zh: (names) => `不是已知的事实;应为以下之一:${names}`,
    example: 'is not a known fact; expected one of jurisdiction, residence',
  },
  {
    code: 'decimal',
    en: 'must be a decimal number, such as "{word}" (got {text})',
    zh: (example, got) => `必须是十进制数,例如 "${example}"(收到 ${got})`,
    example: 'must be a decimal number, such as "1234.50" (got "abc")',
  },
  {
    code: 'money',
    en: 'must be an amount in yuan, such as "{word}" (got {text})',
    zh: (example, got) => `必须是以元为单位的金额,例如 "${example}"(收到 ${got})`,
    example: 'must be an amount in yuan, such as "1234.50" (got "abc")',
  },
  {
    code: 'whole-number',
    en: 'must be a whole number, such as {word} (got {text})',
    zh: (example, got) => `必须是整数,例如 ${example}(收到 ${got})`,
    example: 'must be a whole number, such as 2 (got 2.5)',
  },
  {
    code: 'boolean',
    en: 'must be true or false (got {text})',
    zh: (got) => `必须是 true 或 false(收到 ${got})`,
    example: 'must be true or false (got "yes")',
  },
  {
    code: 'at-least',
    en: 'must be at least {word}',
    zh: (minimum) => `不得小于 ${minimum}`,
    example: 'must be at least 0',
  },
  {
    code: 'at-most',
    en: 'must be at most {word}',
    zh: (maximum) => `不得大于 ${maximum}`,
    example: 'must be at most 4',
  },
  {
    code: 'not-after-as-of',
    en: 'must not be after the evaluation date {word}',
    zh: (asOf) => `不得晚于计算日期 ${asOf}`,
    example: 'must not be after the evaluation date 2019-06-30',
  },
  {
    code: 'one-of',
    en: 'must be one of {list} (got {text})',
    zh: (values, got) => `必须是以下之一:${values}(收到 ${got})`,
    example: 'must be one of "rural", "urban" (got "suburban")',
  },
  {
    code: 'jurisdiction-of-ruleset',
    en: [
      'must be a jurisdiction code of this ruleset: {list} (got {text})',
      'must be a jurisdiction code of this ruleset: {list}',
    ],
    zh: (codes, got) => `必须是本规则集的县级行政区代码:${codes}${got ? `(收到 ${got})` : ''}`,
    example: 'must be a jurisdiction code of this ruleset: 420302, 420303 (got "000000")',
  },
  {
    code: 'members-count',
    en: 'must list {digits} to {digits} members (got {digits})',
    zh: (min, max, got) => `成员须为 ${min} 至 ${max} 人(收到 ${got} 人)`,
    example: 'must list 1 to 30 members (got 31)',
  },
  {
    code: 'duplicate-member',
    en: 'duplicates the member id "{text}"',
    zh: (id) => `与成员 id "${id}" 重复`,
    example: 'duplicates the member id "p1"',
  },
  // Validation of a version (schema, names, expressions, constraints, embedded tests).
  {
    code: 'unknown-fact-did-you-mean',
    en: "'{text}' is not a fact of {household|member} scope; did you mean '{name}'?",
    zh: (name, scope, hint) =>
      `'${name}' 不是${scope === 'household' ? '家庭' : '成员'}范围的事实;是否指 '${hint}'?`,
    example: "'assetsWithinLimt' is not a fact of household scope; did you mean 'assetsWithinLimit'?",
  },
  {
    code: 'unknown-fact-of-scope',
    en: "'{text}' is not a fact of {household|member} scope",
    zh: (name, scope) => `'${name}' 不是${scope === 'household' ? '家庭' : '成员'}范围的事实`,
    example: "'income' is not a fact of member scope",
  },
  {
    code: 'unknown-operator-did-you-mean',
    en: "'{text}' is not an operator; did you mean '{name}'?",
    zh: (name, hint) => `'${name}' 不是运算符;是否指 '${hint}'?`,
    example: "'decimalLessThen' is not an operator; did you mean 'decimalLessThan'?",
  },
  {
    code: 'unknown-operator',
    en: "'{text}' is not an operator",
    zh: (name) => `'${name}' 不是运算符`,
    example: "'constructor' is not an operator",
  },
  {
    code: 'unknown-outcome-did-you-mean',
    en: "'{text}' is not a declared outcome; did you mean '{name}'?",
    zh: (name, hint) => `'${name}' 不是已声明的结果;是否指 '${hint}'?`,
    example: "'diabao' is not a declared outcome; did you mean 'dibao'?",
  },
  {
    code: 'float-operator',
    en: "'{text}' compares binary floating-point numbers; use '{name}'",
    zh: (name, use) => `'${name}' 以二进制浮点数比较;请使用 '${use}'`,
    example: "'lessThan' compares binary floating-point numbers; use 'decimalLessThan'",
  },
  {
    code: 'duplicate-name',
    en: "'{text}' is already a name in {household|member} scope",
    zh: (name, scope) => `'${name}' 已是${scope === 'household' ? '家庭' : '成员'}范围中的名称`,
    example: "'annualNetIncome' is already a name in household scope",
  },
  {
    code: 'duplicate',
    en: "duplicates the {benefit code|constraint id|group id|jurisdiction code|outcome|parameter|source id} '{text}'",
    zh: (what, name) =>
      `与${
        {
          'benefit code': '待遇代码',
          'constraint id': '约束 id',
          'group id': '分组 id',
          'jurisdiction code': '县级行政区代码',
          outcome: '结果',
          parameter: '参数',
          'source id': '来源 id',
        }[what] ?? what
      } '${name}' 重复`,
    example: "duplicates the parameter 'disability.livingSubsidy'",
  },
  {
    code: 'duplicate-rule-or-test',
    en: 'duplicates the {rule|test} name',
    zh: (what) => `与已有的${what === 'rule' ? '规则' : '测试'}名称重复`,
    example: 'duplicates the rule name',
  },
  {
    code: 'published-needs-document',
    en: 'a published figure must name its document',
    zh: () => '已公布的数值必须注明其文件',
    example: 'a published figure must name its document',
  },
  {
    code: 'illustrative-needs-note',
    en: 'an illustrative figure must say how it was chosen',
    zh: () => '示意性数值必须说明其取值方法',
    example: 'an illustrative figure must say how it was chosen',
  },
  {
    code: 'too-many-decimals',
    en: 'has {digits} decimal places; at most {digits} are allowed',
    zh: (places, most) => `有 ${places} 位小数;最多允许 ${most} 位`,
    example: 'has 11 decimal places; at most 10 are allowed',
  },
  {
    code: 'required-field',
    en: 'is required',
    zh: () => '必填',
    example: 'is required',
  },
  {
    code: 'constraint-not-held',
    en: 'does not hold',
    zh: () => '不成立',
    example: 'does not hold',
  },
  {
    code: 'before-effective-from',
    en: "is before the version's effectiveFrom {word}",
    zh: (date) => `早于本版本的生效日期 ${date}`,
    example: "is before the version's effectiveFrom 2019-01-01",
  },
  {
    code: 'household-not-object',
    en: 'the household must be a JSON object (got {text})',
    zh: (got) => `家庭必须是 JSON 对象(收到 ${got})`,
    example: 'the household must be a JSON object (got [])',
  },
  {
    code: 'body-not-object',
    en: 'the request body must be a JSON object (got {text})',
    zh: (got) => `请求体必须是 JSON 对象(收到 ${got})`,
    example: 'the request body must be a JSON object (got null)',
  },
  // The lifecycle of a version (submit, publish, withdraw, return to draft) and its drafts.
  {
    code: 'only-draft-submitted',
    en: 'Only a draft can be submitted; version {word} is {word}',
    zh: (label, status) => `只有草稿可以提交审核;版本 ${label} 的状态是 ${status}`,
    example: 'Only a draft can be submitted; version 2021 is published',
  },
  {
    code: 'only-review-published',
    en: 'Only a version in review can be published; version {word} is {word}',
    zh: (label, status) => `只有审核中的版本可以发布;版本 ${label} 的状态是 ${status}`,
    example: 'Only a version in review can be published; version 2021 is draft',
  },
  {
    code: 'only-published-withdrawn',
    en: 'Only a published version can be withdrawn; version {word} is {word}',
    zh: (label, status) => `只有已发布的版本可以撤回;版本 ${label} 的状态是 ${status}`,
    example: 'Only a published version can be withdrawn; version 2021 is draft',
  },
  {
    code: 'only-review-returned',
    en: 'Only a version in review can be returned to draft; version {word} is {word}',
    zh: (label, status) => `只有审核中的版本可以退回草稿;版本 ${label} 的状态是 ${status}`,
    example: 'Only a version in review can be returned to draft; version 2021 is published',
  },
  {
    code: 'already-published-from',
    en: 'Version {word} is already published from {word}; withdraw it first',
    zh: (label, date) => `版本 ${label} 已从 ${date} 起发布;请先撤回它`,
    example: 'Version 2021 is already published from 2021-01-01; withdraw it first',
  },
  {
    code: 'just-published',
    en: 'Another version of {word} was just published from {word}; withdraw it first',
    zh: (key, date) => `${key} 的另一个版本刚刚从 ${date} 起发布;请先撤回它`,
    example:
      'Another version of shiyan-social-assistance was just published from 2021-01-01; withdraw it first',
  },
  {
    code: 'retroactive-publish',
    en: 'Version {word} takes effect on {word}, before today {word}: publishing it changes the answers already given for {word} to {word}; send "acknowledgeRetroactive": true to publish it anyway',
    zh: (label, from, today, a, b) =>
      `版本 ${label} 的生效日期 ${from} 早于今天 ${today},发布将改变 ${a} 至 ${b} 已给出的答复;` +
      `如仍要发布,请发送 "acknowledgeRetroactive": true`,
    example:
      'Version 2021 takes effect on 2021-01-01, before today 2021-03-02: publishing it changes the answers already given for 2021-01-01 to 2021-03-01; send "acknowledgeRetroactive": true to publish it anyway',
  },
  {
    code: 'retroactive-field',
    en: 'must be true to publish retroactively: the answers for {word} to {word} change',
    zh: (a, b) => `追溯发布时必须为 true:${a} 至 ${b} 的答复将改变`,
    example: 'must be true to publish retroactively: the answers for 2021-01-01 to 2021-03-01 change',
  },
  {
    code: 'uncovered-withdraw',
    en: 'Withdrawing version {word} leaves {text} with no version in force (evaluation there answers 404); send "acknowledgeUncoveredDates": true to withdraw it anyway',
    zh: (label, dates) =>
      `撤回版本 ${label} 后,${dates} 将没有生效的版本,这些日期的测算将答复 404;` +
      `如仍要撤回,请发送 "acknowledgeUncoveredDates": true`,
    example:
      'Withdrawing version 2017-02 leaves 2017-02-25 – 2017-09-30 with no version in force (evaluation there answers 404); send "acknowledgeUncoveredDates": true to withdraw it anyway',
  },
  {
    code: 'uncovered-field',
    en: 'must be true to leave {text} with no version in force',
    zh: (dates) => `必须为 true 才能让 ${dates} 没有生效的版本`,
    example: 'must be true to leave 2017-02-25 – 2017-09-30 with no version in force',
  },
  {
    code: 'changed-meanwhile',
    en: 'Version {word} changed meanwhile; reload it',
    zh: (label) => `版本 ${label} 刚刚被修改;请重新读取`,
    example: 'Version 2021 changed meanwhile; reload it',
  },
  {
    code: 'four-eyes-service-account',
    en: '{text} is a service account; only an approver in person may publish (four-eyes rule)',
    zh: (who) => `${who} 是服务账号;只有审批人本人可以发布(四眼原则)`,
    example: 'service:ci is a service account; only an approver in person may publish (four-eyes rule)',
  },
  {
    code: 'four-eyes-author',
    en: '{text} drafted or edited version {word}; another approver must publish it (four-eyes rule)',
    zh: (who, label) => `${who} 起草或编辑过版本 ${label};须由另一位审批人发布(四眼原则)`,
    example: 'wang drafted or edited version 2021; another approver must publish it (four-eyes rule)',
  },
  {
    code: 'version-not-valid',
    en: 'Version {word} is not valid: {digits} problem(s)',
    zh: (label, n) => `版本 ${label} 无效:${n} 个问题`,
    example: 'Version 2021 is not valid: 2 problem(s)',
  },
  {
    code: 'based-on-unknown',
    en: 'basedOn names no version of {word}',
    zh: (key) => `basedOn 指定的版本不是 ${key} 的版本`,
    example: 'basedOn names no version of shiyan-social-assistance',
  },
  {
    code: 'based-on-unknown-field',
    en: '"{text}" is not a version of {word}',
    zh: (label, key) => `"${label}" 不是 ${key} 的版本`,
    example: '"2099" is not a version of shiyan-social-assistance',
  },
  {
    code: 'version-exists',
    en: 'Version {word} of {word} already exists',
    zh: (label, key) => `${key} 的版本 ${label} 已存在`,
    example: 'Version 2022 of shiyan-social-assistance already exists',
  },
  {
    code: 'content-not-format',
    en: 'The content does not follow the ruleset format or its limits',
    zh: () => '内容不符合规则集格式或其限制',
    example: 'The content does not follow the ruleset format or its limits',
  },
  {
    code: 'content-not-fit',
    en: 'The content does not fit this ruleset and version',
    zh: () => '内容与此规则集和版本不符',
    example: 'The content does not fit this ruleset and version',
  },
  {
    code: 'not-this-ruleset',
    en: 'must be "{text}", the ruleset of this URL',
    zh: (key) => `须为 "${key}",即此网址的规则集`,
    example: 'must be "shiyan-social-assistance", the ruleset of this URL',
  },
  {
    code: 'not-this-version',
    en: 'must be "{text}", the version of this URL',
    zh: (label) => `须为 "${label}",即此网址的版本`,
    example: 'must be "2021", the version of this URL',
  },
  {
    code: 'not-compiling',
    en: 'Version {word} does not compile yet; validate it to see why',
    zh: (label) => `版本 ${label} 尚不能编译;请校验它以查看原因`,
    example: 'Version 2022 does not compile yet; validate it to see why',
  },
  {
    code: 'accept-too-large',
    en: 'Accepting these results would make version {word} {digits} bytes, more than BODY_LIMIT ({digits} bytes), so it could no longer be saved; accept fewer tests or use smaller households',
    zh: (label, size, limit) =>
      `接受这些结果会使版本 ${label} 达到 ${size} 字节,超过 BODY_LIMIT(${limit} 字节),之后将无法再保存;请少接受一些测试或使用更小的家庭`,
    example:
      'Accepting these results would make version 2021 3608524 bytes, more than BODY_LIMIT (1048576 bytes), so it could no longer be saved; accept fewer tests or use smaller households',
  },
  {
    code: 'accept-too-large-field',
    en: 'the accepted results would make the version {digits} bytes, more than {digits}',
    zh: (size, limit) => `接受的结果会使版本达到 ${size} 字节,超过 ${limit} 字节`,
    example: 'the accepted results would make the version 3608524 bytes, more than 1048576',
  },
  {
    code: 'tests-not-accepted',
    en: 'These test results cannot be accepted',
    zh: () => '这些测试结果不能被接受',
    example: 'These test results cannot be accepted',
  },
  {
    code: 'unknown-test',
    en: '"{text}" is not a test of version {word}',
    zh: (name, label) => `版本 ${label} 没有名为"${name}"的测试`,
    example: '"single elderly person" is not a test of version 2022',
  },
  {
    code: 'test-not-evaluated',
    en: 'The household of test "{text}" cannot be evaluated, so its results cannot be accepted: {list}',
    zh: (name, reason) => `测试"${name}"的家庭无法计算,不能接受其结果:${chineseMessage(reason) ?? reason}`,
    example:
      'The household of test "single elderly person" cannot be evaluated, so its results cannot be accepted: household/members: is required',
  },
  {
    code: 'test-outcome-unreported',
    en: 'Test "{text}" states outcome {word}, which the version does not report',
    zh: (name, outcome) => `测试"${name}"预期的结果 ${outcome} 未被本版本报告`,
    example: 'Test "single elderly person" states outcome dibao, which the version does not report',
  },
  {
    code: 'in-review-not-editable',
    en: 'Version {word} is in review and cannot be edited',
    zh: (label) => `版本 ${label} 正在审核中,不能编辑`,
    example: 'Version 2022 is in review and cannot be edited',
  },
  {
    code: 'published-never-changes',
    en: 'Version {word} is {word}; published content never changes',
    zh: (label, status) => `版本 ${label} 的状态是 ${status};已发布的内容永不改变`,
    example: 'Version 2021 is published; published content never changes',
  },
  {
    code: 'not-editable',
    en: 'Version {word} is {word} and cannot be edited',
    zh: (label, status) => `版本 ${label} 的状态是 ${status},不能编辑`,
    example: 'Version 2022 is withdrawn and cannot be edited',
  },
  {
    code: 'if-match-required',
    en: "Send If-Match with the version's current ETag ({text}) to edit it",
    zh: (etag) => `编辑时请在 If-Match 中发送版本当前的 ETag(${etag})`,
    example: 'Send If-Match with the version\'s current ETag ("abc") to edit it',
  },
  {
    code: 'stale-etag',
    en: 'The version changed since you read it (now {text}); reload, reapply your edit and save again',
    zh: (etag) => `读取后版本已被修改(现为 ${etag});请重新读取、重做修改后再保存`,
    example: 'The version changed since you read it (now "abc"); reload, reapply your edit and save again',
  },
  {
    code: 'accept-choice',
    en: 'must be "all" or a non-empty list of test names',
    zh: () => '必须是 "all" 或非空的测试名称列表',
    example: 'must be "all" or a non-empty list of test names',
  },
  {
    code: 'accept-too-many',
    en: 'must list at most {digits} test names',
    zh: (n) => `最多列出 ${n} 个测试名称`,
    example: 'must list at most 1000 test names',
  },
  {
    code: 'accept-item',
    en: 'item {digits} must be a test name (a non-empty string)',
    zh: (i) => `第 ${i} 项必须是测试名称(非空字符串)`,
    example: 'item 2 must be a test name (a non-empty string)',
  },
  {
    code: 'version-not-readable',
    en: 'Version {word} of {word} is {word}: only {editors and approvers|editors, approvers and analysts} may read it',
    zh: (label, key, status, who) =>
      `${key} 的版本 ${label} 的状态是 ${status}:只有${who === 'editors and approvers' ? '编辑和审批人' : '编辑、审批人和分析员'}可以读取`,
    example:
      'Version 2099 of shiyan-social-assistance is draft: only editors, approvers and analysts may read it',
  },
  {
    code: 'reason',
    en: 'must say why: text of {digits} to {digits} characters, not blank or invisible',
    zh: (min, max) => `必须说明原因:${min} 至 ${max} 个字符的文字,不能为空白或不可见字符`,
    example: 'must say why: text of 2 to 2000 characters, not blank or invisible',
  },
];

/** The Chinese form of an English message, or null when the catalogue does not know it. */
export function chineseMessage(message: string): string | null {
  for (const entry of MESSAGES) {
    const parts = matchMessage(entry, message);
    // The first entry that matches: a more specific form is listed before a general one.
    if (parts) return entry.zh(...parts);
  }
  return null;
}

/**
 * A validation report (`{valid, errors, warnings, …}`) in `language`: each message the catalogue
 * knows in Chinese, everything else as it is.
 */
export function localizeReport<R extends { errors: { message: string }[]; warnings: { message: string }[] }>(
  report: R,
  language: Language,
): R {
  if (language === 'en') return report;
  const translate = <T extends { message: string }>(list: T[]): T[] =>
    list.map((e) => ({ ...e, message: chineseMessage(e.message) ?? e.message }));
  return { ...report, errors: translate(report.errors), warnings: translate(report.warnings) };
}

/**
 * The problem in `language`: English as it was built; Chinese with the catalogue's title and, for
 * each detail and field message the catalogue knows, its Chinese sentence (others stay English).
 * Codes, `type`, `status`, paths and field names never change.
 */
export function localizeProblem<P extends ProblemDetails>(problem: P, language: Language): P {
  if (language === 'en') return problem;
  const code = problem.type.slice(problem.type.lastIndexOf('/') + 1);
  const title = PROBLEM_TITLES[code]?.zh ?? problem.title;
  const detail = chineseMessage(problem.detail) ?? problem.detail;
  return {
    ...problem,
    title,
    detail,
    ...(problem.errors
      ? { errors: problem.errors.map((e) => ({ ...e, message: chineseMessage(e.message) ?? e.message })) }
      : {}),
  };
}
