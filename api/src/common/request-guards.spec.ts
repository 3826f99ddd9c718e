import { MAX_REQUEST_PROBLEMS } from './field-limits';
import { bodyShapeProblems, MAX_BODY_DEPTH, MAX_OBJECT_FIELDS, wideObjectProblems } from './request-guards';

describe('bodyShapeProblems', () => {
  it('accepts ordinary bodies, Chinese text and characters outside the BMP', () => {
    expect(bodyShapeProblems({ name: '房县 case system 😀', roles: ['caseworker'], n: 1.5 })).toEqual([]);
  });

  it('refuses objects wider than MAX_OBJECT_FIELDS, naming the object', () => {
    const wide = Object.fromEntries(Array.from({ length: MAX_OBJECT_FIELDS + 1 }, (_, i) => [`k${i}`, 1]));
    expect(bodyShapeProblems({ username: wide, password: 'x' })).toEqual([
      { path: '/username', message: expect.stringContaining(String(MAX_OBJECT_FIELDS)) },
    ]);
    const wideEnough = Object.fromEntries(Array.from({ length: MAX_OBJECT_FIELDS }, (_, i) => [`k${i}`, 1]));
    expect(bodyShapeProblems(wideEnough)).toEqual([]);
  });

  it('refuses lone surrogates in values and in field names, and NUL characters', () => {
    expect(
      bodyShapeProblems({ name: 'x\ud800y', title: { en: 'a\udfffb' }, ['k\ud801']: 1, z: 'a\u0000' }),
    ).toEqual(
      expect.arrayContaining([
        { path: '/name', message: expect.stringContaining('surrogate') },
        { path: '/title/en', message: expect.stringContaining('surrogate') },
        { path: '/k\ud801', message: expect.stringContaining('surrogate') },
        { path: '/z', message: expect.stringContaining('NUL') },
      ]),
    );
  });

  it('refuses nesting deeper than MAX_BODY_DEPTH and stops after MAX_REQUEST_PROBLEMS problems', () => {
    let deep: unknown = 1;
    for (let i = 0; i <= MAX_BODY_DEPTH; i++) deep = [deep];
    expect(bodyShapeProblems(deep)).toHaveLength(1);
    const many = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`k${i}`, '\u0000']));
    expect(bodyShapeProblems(many)).toHaveLength(MAX_REQUEST_PROBLEMS);
  });
});

describe('wideObjectProblems (before parsing)', () => {
  const wide = (fields: number): Record<string, number> =>
    Object.fromEntries(Array.from({ length: fields }, (_, i) => [`k${i}`, i]));
  const bytes = (value: unknown): Buffer => Buffer.from(JSON.stringify(value));

  it('finds what bodyShapeProblems finds for an over-wide object, with the same path and message', () => {
    const body = { a: [{ 'x/y': wide(MAX_OBJECT_FIELDS + 1) }], s: 'q"{:,}' };
    expect(wideObjectProblems(bytes(body))).toEqual(bodyShapeProblems(body));
    expect(wideObjectProblems(bytes(body))).toEqual([
      {
        path: '/a/0/x~1y',
        message: `has ${MAX_OBJECT_FIELDS + 1} fields; an object of a request has at most ${MAX_OBJECT_FIELDS}`,
      },
    ]);
  });

  it('passes objects at the limit, strings that look like JSON and escaped keys', () => {
    expect(wideObjectProblems(bytes({ a: wide(MAX_OBJECT_FIELDS), '{"k":1,': '}]"\\' }))).toEqual([]);
    expect(wideObjectProblems(bytes({ 'é\u2028"': { [`k"`]: wide(MAX_OBJECT_FIELDS + 5) } }))[0]?.path).toBe(
      '/é\u2028"/k"',
    );
  });
});
