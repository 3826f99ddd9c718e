import type { Request, Response } from 'express';
import { MAX_REQUEST_PROBLEMS } from './field-limits';
import {
  bodyShapeProblems,
  guardRequestShape,
  MAX_BODY_DEPTH,
  MAX_OBJECT_FIELDS,
  wideObjectProblems,
} from './request-guards';
import { isPlainJsonBody } from './validation';

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

describe('guardRequestShape and plain bodies', () => {
  /** Runs the guard on a parsed body; true when it passed the request on. */
  const guard = (body: unknown, query: object = {}): boolean => {
    let passed = false;
    const req = { body, query, originalUrl: '/api/v1/x', headers: {} } as unknown as Request;
    const res = { status: () => res, type: () => res, send: () => res } as unknown as Response;
    guardRequestShape(req, res, () => {
      passed = true;
    });
    return passed;
  };

  it('marks a body walked whole without a problem and without an inherited field name as plain', () => {
    const body = JSON.parse('{"asOf":"2019-06-30","household":{"members":[{"id":"p1"}],"x":null}}') as object;
    expect(guard(body)).toBe(true);
    expect(isPlainJsonBody(body)).toBe(true);
  });

  it('does not mark a body with __proto__, constructor or prototype at any depth, or a top-level toString', () => {
    for (const text of [
      '{"household":{"__proto__":{"x":1}}}',
      '{"household":{"members":[{"constructor":1}]}}',
      '{"prototype":1}',
      '{"toString":1}',
      '{"a":{"b":{"c":[{"d":{"prototype":{}}}]}}}',
    ]) {
      const body = JSON.parse(text) as object;
      expect(guard(body)).toBe(true);
      expect({ text, plain: isPlainJsonBody(body) }).toEqual({ text, plain: false });
    }
    // Below the top level, a field named like a property of every object is an ordinary field.
    const nested = JSON.parse('{"household":{"toString":1,"valueOf":2}}') as object;
    expect(guard(nested)).toBe(true);
    expect(isPlainJsonBody(nested)).toBe(true);
  });

  it('does not mark a refused body, nor one whose query string is refused', () => {
    const refused = { name: 'x\u0000' };
    expect(guard(refused)).toBe(false);
    expect(isPlainJsonBody(refused)).toBe(false);
    const body = { name: 'x' };
    expect(guard(body, { q: 'a\ud800' })).toBe(false);
    expect(isPlainJsonBody(body)).toBe(false);
  });
});
