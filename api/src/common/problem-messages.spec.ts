import { problemDetails } from './problem-details';
import {
  chineseMessage,
  localizeProblem,
  localizeReport,
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
      expect(entry.en.test(entry.example)).toBe(true);
      const zh = chineseMessage(entry.example);
      expect(zh).toMatch(CJK);
      // The first entry that matches is this one: no earlier, more general entry takes its messages.
      const first = MESSAGES.find((m) => m.en.test(entry.example));
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
