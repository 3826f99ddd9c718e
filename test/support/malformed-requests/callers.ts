/** Who a request claims to be (callers, bad Authorization headers), and extra headers that must not matter. */
import fc from 'fast-check';

import type { Caller } from './types';

const printableAscii = (min: number, max: number): fc.Arbitrary<string> =>
  fc.string({
    unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)),
    minLength: min,
    maxLength: max,
  });

const latin1 = (min: number, max: number): fc.Arbitrary<string> =>
  fc.string({
    unit: fc.integer({ min: 0xa0, max: 0xff }).map((c) => String.fromCharCode(c)),
    minLength: min,
    maxLength: max,
  });

/** Mostly the admin (so validation is what answers), sometimes another role, nobody or a bad token. */
export const callerArbitrary: fc.Arbitrary<Caller> = fc.oneof(
  { weight: 74, arbitrary: fc.constant<Caller>('admin') },
  { weight: 4, arbitrary: fc.constant<Caller>('caseworker') },
  { weight: 3, arbitrary: fc.constant<Caller>('analyst') },
  { weight: 3, arbitrary: fc.constant<Caller>('approver') },
  { weight: 7, arbitrary: fc.constant<Caller>('none') },
  {
    weight: 9,
    arbitrary: fc
      .oneof(
        fc.constantFrom(
          'Bearer',
          'Bearer ',
          'Basic YWRtaW46cGFzc3dvcmQ=',
          'Token abc',
          'Bearer at.',
          'Bearer at.e30.e30',
          'Bearer null',
          'Bearer a b',
          'bearer',
          'Bearer rk_',
        ),
        printableAscii(1, 300).map((s) => `Bearer ${s}`),
        latin1(1, 40).map((s) => `Bearer ${s}`),
        printableAscii(1, 60),
      )
      .map((authorization): Caller => ({ authorization })),
  },
);

/** Headers a client might add; none of them may matter. */
export const extraHeaders: fc.Arbitrary<Record<string, string>> = fc.oneof(
  { weight: 7, arbitrary: fc.constant({}) },
  {
    weight: 3,
    arbitrary: fc
      .array(
        fc.oneof(
          fc.constantFrom<[string, string]>(
            ['Accept', 'text/html'],
            ['Accept', 'application/xml'],
            ['Accept', '*/*;q=0'],
            ['Accept-Language', 'zh-CN,zh;q=0.9'],
            ['Accept-Charset', 'ebcdic'],
            ['X-HTTP-Method-Override', 'DELETE'],
            ['X-Forwarded-For', '::1, 10.0.0.1, bogus'],
            ['If-None-Match', '*'],
            ['Range', 'bytes=0-1'],
            ['Origin', 'https://evil.example'],
            ['Cookie', 'session=1; admin=true'],
          ),
          fc.tuple(fc.stringMatching(/^x-[a-z][a-z0-9-]{0,20}$/), printableAscii(0, 100)),
          fc.tuple(fc.stringMatching(/^x-[a-z][a-z0-9-]{0,20}$/), latin1(1, 20)),
        ),
        { minLength: 1, maxLength: 3 },
      )
      .map((pairs) => Object.fromEntries(pairs)),
  },
);
