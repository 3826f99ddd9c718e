import { describe, expect, it } from 'vitest';
import { baseDocument, draftDocument, resolveAll } from '../test/fixture';
import { planWrites } from './bulk';
import { changesOf } from './changes';
import { constraintsReading, expressionReads, needsJustification, workedComparison } from './constraints';
import {
  PENDING_SOURCE,
  sourceMissing,
  STAND_IN_NOTE,
  withSource,
  withStandInSources,
  writeCells,
} from './edit';
import { adjust, deltaOf, formatFigure, parseFigure } from './figures';
import { applicableEntry, parametersByScheme, schemeOf, valueAt } from './resolve';

const urban = () => baseDocument().parameters.find((p) => p.key === 'dibao.standard.urban')!;

describe('which value applies to a jurisdiction', () => {
  it('takes the own entry, else the group entry, else the entry for everywhere', () => {
    expect(applicableEntry(urban(), '420325', ['counties'])?.entry.value).toBe('600.00');
    expect(applicableEntry(urban(), '420325', ['counties'])?.level).toBe('own');
    const county = applicableEntry(urban(), '420322', ['counties']);
    expect(county?.entry.value).toBe('590.00');
    expect(county).toMatchObject({ level: 'group', groupId: 'counties' });
    const rural = baseDocument().parameters.find((p) => p.key === 'dibao.standard.rural')!;
    expect(applicableEntry(rural, '420302', ['city-area'])?.level).toBe('city');
    expect(applicableEntry(urban(), 'X', [])).toBeUndefined();
  });

  it('computes formulas from the answer and reads literals from the document', () => {
    const doc = baseDocument();
    const rural = doc.parameters[0]!;
    const values = resolveAll(doc);
    expect(valueAt(doc, rural, { kind: 'jurisdiction', code: '420302' }, values)).toBe('500');
    expect(valueAt(doc, rural, { kind: 'jurisdiction', code: '420302' }, null)).toBeUndefined();
    expect(valueAt(doc, urban(), { kind: 'jurisdiction', code: '420322' }, { '420322': {} })).toBe('590.00');
  });
});

describe('schemes', () => {
  it('claims keys by whole leading segments and puts the rest under Other', () => {
    const doc = baseDocument();
    expect(schemeOf(doc.parameterGroups, 'dibao.standard.rural')).toBe('dibao');
    expect(
      schemeOf([{ id: 'd', label: { zh: 'a', en: 'a' }, prefixes: ['dibao'] }], 'dibaoX.y'),
    ).toBeUndefined();
    expect(parametersByScheme(doc).map((s) => [s.id, s.parameters.length])).toEqual([
      ['dibao', 3],
      ['disability', 1],
      ['__other__', 1],
    ]);
  });
});

describe('figures', () => {
  it('checks typed money: a number with at most two decimals', () => {
    expect(parseFigure(' 420 ', 'yuan/month')).toEqual({ ok: true, value: '420.00' });
    expect(parseFigure('420.555', 'yuan/month')).toEqual({ ok: false, problem: 'moneyDecimals' });
    expect(parseFigure('4x', 'ratio')).toEqual({ ok: false, problem: 'notNumber' });
    expect(parseFigure('0.575', 'ratio')).toEqual({ ok: true, value: '0.575' });
    expect(formatFigure('515', 'yuan/month')).toBe('515.00');
  });

  it('refuses negative money (-0 too), figures beyond 10^15 and exponent notation', () => {
    expect(parseFigure('-5', 'yuan/month')).toEqual({ ok: false, problem: 'negativeMoney' });
    expect(parseFigure('-0', 'yuan')).toEqual({ ok: false, problem: 'negativeMoney' });
    expect(parseFigure('9'.repeat(30), 'yuan/year')).toEqual({ ok: false, problem: 'tooLarge' });
    expect(parseFigure('1000000000000001', 'ratio')).toEqual({ ok: false, problem: 'tooLarge' });
    expect(parseFigure('1000000000000000', 'yuan')).toEqual({ ok: true, value: '1000000000000000.00' });
    expect(parseFigure('1e309', 'yuan')).toEqual({ ok: false, problem: 'notNumber' });
    expect(parseFigure('0.001', 'yuan')).toEqual({ ok: false, problem: 'moneyDecimals' });
  });

  it('shows the change against the base: +30.00 and +8.0%', () => {
    expect(deltaOf('375.00', '405.00', 'yuan/month')).toEqual({
      difference: '+30.00',
      percent: '+8.0%',
      sign: 1,
    });
    expect(deltaOf('600.00', '590.00', 'yuan/month')?.difference).toBe('−10.00');
  });

  it('rounds bulk percentages half up to two decimals', () => {
    expect(adjust('590.00', 'yuan/month', { mode: 'percent', amount: '5' })).toBe('619.50');
    expect(adjust('333.33', 'yuan/month', { mode: 'percent', amount: '1.5' })).toBe('338.33');
    expect(adjust('100.10', 'yuan/month', { mode: 'percent', amount: '0.5' })).toBe('100.60'); // 100.6005
    expect(adjust('0.57', 'ratio', { mode: 'percent', amount: '10' })).toBe('0.63');
    expect(adjust('500', 'yuan/month', { mode: 'add', amount: '30' })).toBe('530.00');
  });
});

describe('editing the document', () => {
  it('creates an override for an inherited cell, turns a formula into a value, restores the base', () => {
    const base = baseDocument();
    let doc = writeCells(
      draftDocument(),
      [{ key: 'dibao.standard.urban', target: { kind: 'jurisdiction', code: '420322' }, value: '620.00' }],
      PENDING_SOURCE,
      base,
    );
    expect(doc.parameters[1]!.values.at(-1)).toEqual({
      for: '420322',
      value: '620.00',
      source: PENDING_SOURCE,
    });
    doc = writeCells(
      doc,
      [{ key: 'dibao.standard.rural', target: { kind: 'city' }, value: '520.00' }],
      PENDING_SOURCE,
      base,
    );
    expect(doc.parameters[0]!.values).toEqual([{ value: '520.00', source: PENDING_SOURCE }]);
    doc = writeCells(
      doc,
      [{ key: 'dibao.standard.urban', target: { kind: 'group', id: 'counties' }, value: '590' }],
      PENDING_SOURCE,
      base,
    );
    expect(doc.parameters[1]!.values[1]).toEqual(base.parameters[1]!.values[1]);
  });

  it('adds a new notice to the sources and flags figures without one', () => {
    const { document, source } = withSource(draftDocument(), {
      type: 'published',
      notice: { number: '十政办发〔2021〕3号', date: '2021-01-05', title: '调整通知' },
    });
    expect(document.metadata.sources.at(-1)).toEqual({
      id: 'notice-2021-01-05-1',
      number: '十政办发〔2021〕3号',
      date: '2021-01-05',
      title: '调整通知',
    });
    expect(source).toEqual({ type: 'published', document: 'notice-2021-01-05-1', note: undefined });
    const old = { value: '60.00', source: { type: 'published' as const, document: 'notice-2017' } };
    expect(sourceMissing(document, { ...old, value: '70.00' }, old)).toBe(true);
    expect(sourceMissing(document, { value: '70.00', source }, old)).toBe(false);
    expect(sourceMissing(document, { value: '70.00', source: PENDING_SOURCE }, old)).toBe(true);
    expect(sourceMissing(document, old, old)).toBe(false);
  });

  it('lets the live check compile figures still awaiting their source, and only those', () => {
    const typed = writeCells(
      draftDocument(),
      [{ key: 'disability.livingSubsidy', target: { kind: 'city' }, value: '40.00' }],
      PENDING_SOURCE,
    );
    const checked = withStandInSources(typed);
    const living = (d: typeof typed) => d.parameters.find((p) => p.key === 'disability.livingSubsidy');
    expect(living(checked)?.values).toEqual([
      { value: '40.00', source: { type: 'illustrative', note: STAND_IN_NOTE } },
    ]);
    // The working copy keeps its missing source; every other figure is sent as it is.
    expect(living(typed)?.values[0]?.source).toEqual(PENDING_SOURCE);
    expect(checked.parameters.filter((p) => p !== living(checked))).toEqual(
      typed.parameters.filter((p) => p !== living(typed)),
    );
    const untouched = draftDocument();
    expect(withStandInSources(untouched)).toBe(untouched);
  });
});

describe('constraints', () => {
  it('finds the constraints reading a key by whole name', () => {
    expect(
      expressionReads('dibao.standard.urban >= previous(dibao.standard.urban)', 'dibao.standard.urban'),
    ).toBe(true);
    expect(expressionReads('dibao.standard.urbanX >= 1', 'dibao.standard.urban')).toBe(false);
    expect(
      constraintsReading(baseDocument().constraints, 'disability.livingSubsidy').map((c) => c.id),
    ).toEqual(['disability-living-floor']);
  });
});

describe('changes against the base version', () => {
  it('lists a group raised alike as one row and an own value as its own row', () => {
    const base = baseDocument();
    let doc = writeCells(
      draftDocument(),
      [{ key: 'dibao.standard.urban', target: { kind: 'group', id: 'counties' }, value: '620.00' }],
      PENDING_SOURCE,
      base,
    );
    doc = writeCells(
      doc,
      [{ key: 'dibao.standard.urban', target: { kind: 'jurisdiction', code: '420325' }, value: '630.00' }],
      { type: 'illustrative', note: '测算' },
      base,
    );
    const rows = changesOf(doc, resolveAll(doc), base, resolveAll(base));
    expect(rows.map((r) => [r.target, r.before, r.after, r.delta?.difference, r.missingSource])).toEqual([
      [{ kind: 'jurisdiction', code: '420322' }, '590.00', '620.00', '+30.00', true],
      [{ kind: 'jurisdiction', code: '420325' }, '600.00', '630.00', '+30.00', false],
    ]);
    expect(changesOf(draftDocument(), null, base, resolveAll(base))).toEqual([]);
  });
});

describe('bulk plans', () => {
  it('changes a group entry once when all its heirs get the same figure, else writes overrides', () => {
    const doc = baseDocument();
    const county = (code: string, value: string) => ({
      key: 'dibao.standard.urban',
      target: { kind: 'jurisdiction' as const, code },
      value,
    });
    // 郧西县 is the only heir of the counties entry (房县 has its own): one group write plus 房县's own.
    expect(planWrites(doc, [county('420322', '620.00'), county('420325', '630.00')])).toEqual([
      { key: 'dibao.standard.urban', target: { kind: 'group', id: 'counties' }, value: '620.00' },
      county('420325', '630.00'),
    ]);
    // A formula for everywhere stays: each place gets its own figure.
    const rural = [
      {
        key: 'dibao.standard.rural',
        target: { kind: 'jurisdiction' as const, code: '420322' },
        value: '530.00',
      },
    ];
    expect(planWrites(doc, rural)).toEqual(rural);
  });
});

describe('constraint findings in words', () => {
  const message =
    '农村低保年标准不低于国家扶贫标准 / Annual rural dibao standard at least the national poverty line (十政办发〔2017〕8号 三(一)1) does not hold in 420325 房县: dibao.standard.rural × 12 ≥ statistics.nationalPovertyLine → 300 × 12 ≥ 4000 is false.';
  it('takes the worked comparison out of the service message', () => {
    expect(workedComparison(message)).toBe('300 × 12 ≥ 4000');
    expect(workedComparison('constraint cannot be computed')).toBeNull();
    expect(
      needsJustification(
        `${message} This warning needs a recorded justification (add one under "justifications").`,
      ),
    ).toBe(true);
    expect(needsJustification(message)).toBe(false);
  });
});
