import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { ReturnVersionDto, visibleCharacterCount, WithdrawVersionDto } from './rulesets.dto';

const problemsOf = (dto: typeof WithdrawVersionDto | typeof ReturnVersionDto, reason: unknown) =>
  validateSync(plainToInstance(dto, { reason }) as object).filter((e) => e.property === 'reason');

describe('lifecycle reasons', () => {
  // Each of these shows nothing on screen: a reason made only of them says nothing.
  const blanks: [string, string][] = [
    ['\u115f\u115f', 'Hangul choseong filler'],
    ['\u1160\u1160', 'Hangul jungseong filler'],
    ['\u2800\u2800', 'braille blank'],
    ['\u3164\u3164', 'Hangul filler'],
    ['\uffa0\uffa0', 'halfwidth Hangul filler'],
    ['\u034f\ufe0f', 'combining grapheme joiner and a variation selector'],
    ['\u3000\u00a0', 'ideographic and no-break spaces'],
    ['\u200b\u2060', 'zero-width space and word joiner'],
  ];

  it.each(blanks)('refuses a reason of only %j (%s), for withdraw and return', (reason) => {
    expect(visibleCharacterCount(reason)).toBe(0);
    for (const dto of [WithdrawVersionDto, ReturnVersionDto]) {
      const problems = problemsOf(dto, reason);
      expect(problems).toHaveLength(1);
      expect(Object.values(problems[0]?.constraints ?? {}).join()).toMatch(/not blank or invisible/);
    }
  });

  it('counts only the visible characters around invisible ones', () => {
    expect(visibleCharacterCount('\u3164误\u2800')).toBe(1);
    expect(problemsOf(WithdrawVersionDto, '\u3164误\u2800')).toHaveLength(1);
    expect(problemsOf(WithdrawVersionDto, '测算\u3164有误')).toHaveLength(0);
    expect(problemsOf(ReturnVersionDto, '标准有误')).toHaveLength(0);
    // Braille with dots is visible text.
    expect(problemsOf(ReturnVersionDto, '\u2801\u2803')).toHaveLength(0);
  });
});
