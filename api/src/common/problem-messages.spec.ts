import { problemDetails } from './problem-details';
import {
  chineseMessage,
  elideQuoted,
  localizeProblem,
  localizeReport,
  matchTemplate,
  matchMessage,
  MESSAGES,
  PROBLEM_TITLES,
  problemLanguageOf,
} from './problem-messages';

const CJK = /[\u4e00-\u9fff]/;

describe('the problem catalogue', () => {
  it('has unique stable codes', () => {
    const codes = MESSAGES.map((m) => m.code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it.each(MESSAGES.map((m) => [m.code, m] as const))(
    '%s: its English example reads in Chinese',
    (_, entry) => {
      expect(matchMessage(entry, entry.example)).not.toBeNull();
      const zh = chineseMessage(entry.example);
      expect(zh).toMatch(CJK);
      // The first entry that matches is this one: no earlier, more general entry takes its messages.
      const first = MESSAGES.find((m) => matchMessage(m, entry.example) !== null);
      expect(first?.code).toBe(entry.code);
    },
  );

  it('keeps the variable parts of a message', () => {
    expect(chineseMessage('is not a calendar date: 2019-02-30 does not exist')).toBe(
      '不是有效的日历日期:2019-02-30 不存在',
    );
    expect(
      chineseMessage(
        'No published version of shiyan-social-assistance is in force on 2016-01-01: versions exist from 2017-02-25 on',
      ),
    ).toBe('2016-01-01 没有生效的 shiyan-social-assistance 已发布版本:版本自 2017-02-25 起生效');
    expect(chineseMessage('must list 1 to 30 members (got 31)')).toBe('成员须为 1 至 30 人(收到 31 人)');
    expect(chineseMessage('is required: a list of 1 to 30 members, each with an "id"')).toBe(
      '必填:1 至 30 名成员的列表,每人带 "id"',
    );
  });

  it('leaves a message it does not know as it is', () => {
    expect(chineseMessage('something entirely new')).toBeNull();
  });

  it('gives every title both languages', () => {
    for (const [code, title] of Object.entries(PROBLEM_TITLES)) {
      expect([code, CJK.test(title.zh)]).toEqual([code, true]);
      expect([code, title.en.length > 0]).toEqual([code, true]);
    }
  });
});

describe('localizeProblem', () => {
  const problem = problemDetails(
    400,
    'invalid-request',
    'Invalid request',
    'The request has 2 invalid fields',
    [
      { path: '/asOf', message: 'is not a calendar date: 2019-02-30 does not exist' },
      { path: '/extra', message: 'something entirely new', code: 'x' },
    ],
  );

  it('writes title, detail and known field messages in Chinese; codes, status and paths stay', () => {
    expect(localizeProblem(problem, 'zh')).toEqual({
      type: problem.type,
      title: '请求无效',
      status: 400,
      detail: '请求有 2 处字段无效',
      errors: [
        { path: '/asOf', message: '不是有效的日历日期:2019-02-30 不存在' },
        { path: '/extra', message: 'something entirely new', code: 'x' },
      ],
    });
  });

  it('leaves the English problem as it was built', () => {
    expect(localizeProblem(problem, 'en')).toBe(problem);
  });
});

describe('problemLanguageOf', () => {
  it.each([
    [undefined, 'en'],
    ['', 'en'],
    ['zh-CN,zh;q=0.9', 'zh'],
    ['zh', 'zh'],
    ['en-US,zh;q=0.5', 'en'],
    [['zh-TW'], 'zh'],
  ])('Accept-Language %p gives problems in %s', (header, language) => {
    expect(problemLanguageOf(header)).toBe(language);
  });
});

describe('localizeReport', () => {
  const report = {
    valid: false,
    errors: [
      {
        path: '/rules/household/0/conditions/all/0/operator',
        message: "'lessThan' compares binary floating-point numbers; use 'decimalLessThan'",
        code: 'schema',
      },
    ],
    warnings: [{ path: '/constraints/0', message: 'does not hold', constraint: 'c' }],
    tests: { passed: 3, failed: 0 },
  };

  it('writes each known message of a validation report in Chinese and keeps every other field', () => {
    expect(localizeReport(report, 'zh')).toEqual({
      valid: false,
      errors: [
        {
          path: '/rules/household/0/conditions/all/0/operator',
          message: "'lessThan' 以二进制浮点数比较;请使用 'decimalLessThan'",
          code: 'schema',
        },
      ],
      warnings: [{ path: '/constraints/0', message: '不成立', constraint: 'c' }],
      tests: { passed: 3, failed: 0 },
    });
    expect(localizeReport(report, 'en')).toBe(report);
  });
});

describe('reading messages that quote hostile text', () => {
  const hostileName = "a' is not a fact of member scope; did you mean 'b".repeat(15000);

  it('reads a fact name that repeats the message itself as one name, shortened in Chinese', () => {
    const message = `'${hostileName}' is not a fact of member scope; did you mean 'age'?`;
    const zh = chineseMessage(message);
    // The name keeps its start and end around the ellipsis; the scope and hint are the real ones.
    expect(zh).toBe(`'${elideQuoted(hostileName)}' 不是成员范围的事实;是否指 'age'?`);
    expect(elideQuoted(hostileName)).toBe(
      `${hostileName.slice(0, 60)}…(省略 ${hostileName.length - 80} 个字符)…${hostileName.slice(-20)}`,
    );
    expect(zh!.length).toBeLessThan(200);
  });

  it('never splits the user value of "must be one of" at a "(got" inside it', () => {
    // The household sent "residence": " (got  (got …x".
    const message = 'must be one of "rural", "urban" (got " (got  (got …x")';
    expect(chineseMessage(message)).toBe('必须是以下之一:"rural", "urban"(收到 " (got  (got …x")');
  });

  it('reads both forms of the messages with an optional part', () => {
    expect(chineseMessage('must be a date written YYYY-MM-DD, such as "2019-06-30" (got "30/06/2019")')).toBe(
      '必须是 YYYY-MM-DD 格式的日期,例如 "2019-06-30"(收到 "30/06/2019")',
    );
    expect(chineseMessage('must be a jurisdiction code of this ruleset: 420302, 420303')).toBe(
      '必须是本规则集的县级行政区代码:420302, 420303',
    );
    expect(chineseMessage('The request has 1 invalid field')).toBe('请求有 1 处字段无效');
  });

  it('keeps short user text whole and checks each hole', () => {
    expect(elideQuoted('x'.repeat(100))).toBe('x'.repeat(100));
    expect(matchTemplate('must be at least {word}', 'must be at least 1 000')).toBeNull();
    expect(matchTemplate('has {digits} decimal places', 'has 1x decimal places')).toBeNull();
    expect(
      matchTemplate(
        "'{text}' is already a name in {household|member} scope",
        "'a' is already a name in x scope",
      ),
    ).toBeNull();
  });
});

describe('the cost of reading a message', () => {
  const templates = MESSAGES.flatMap((m) => (typeof m.en === 'string' ? [m.en] : [...m.en]));
  /** The literal fragments of a template, and the alternatives of its holes. */
  const fragments = (template: string) =>
    template
      .split(/\{([^{}]*)\}/)
      .flatMap((piece, i) => (i % 2 === 0 ? [piece] : piece.split('|')))
      .filter((piece) => piece.length > 0);
  const fill = (seed: string, length: number) =>
    seed.repeat(Math.ceil(length / seed.length)).slice(0, length);

  /**
   * Adversarial messages of about `length` characters for each template: its own fragments repeated
   * in every hole (the template's frame kept around them), and the fragments repeated alone.
   */
  function adversarial(length: number): string[] {
    const messages: string[] = [];
    for (const template of templates) {
      const pieces = fragments(template);
      const seeds = [pieces.join(''), pieces.join(' '), ...pieces, `${pieces.join('')}"'() `];
      for (const seed of seeds) {
        const body = fill(seed, length);
        messages.push(body);
        messages.push(template.replace(/\{[^{}]*\}/g, () => body));
        messages.push(template.replace(/\{[^{}]*\}/, body).replace(/\{[^{}]*\}/g, 'x'));
      }
    }
    return messages;
  }

  /** Milliseconds to read each message `times` times, the best of three runs. */
  function cost(messages: string[], times: number): number {
    let best = Infinity;
    for (let run = 0; run < 3; run++) {
      const start = process.hrtime.bigint();
      for (const message of messages) for (let t = 0; t < times; t++) chineseMessage(message);
      best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e6);
    }
    return best;
  }

  it('grows linearly: 100 times the length costs at most 300 times as much, for every template', () => {
    const small = adversarial(2_000);
    const large = adversarial(200_000);
    expect(large.length).toBe(small.length);
    cost(small, 10); // warm up
    // The small messages are read 100 times each, so both sides read the same number of characters:
    // linear reading costs about the same; at most 3 times as much is 300 times per message.
    const smallCost = cost(small, 100);
    const largeCost = cost(large, 1);
    expect(largeCost).toBeLessThanOrEqual(3 * smallCost);
  });
});
