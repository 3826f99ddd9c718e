/**
 * The direct evaluation route answers exactly as the controller does. Each request is sent twice: as
 * a caseworker system sends it (the direct route answers), and with a trailing slash, which Express
 * routes to the controller all the same but the direct route leaves to the full pipeline. The two answers must be the
 * same bytes with the same headers (only `Date` may differ, and a problem's `instance`, which names
 * the URL as sent). The auth guard tells the paths apart: only the full pipeline runs it.
 */
import { RequestMethod } from '@nestjs/common';
import {
  EXCEPTION_FILTERS_METADATA,
  GUARDS_METADATA,
  HTTP_CODE_METADATA,
  INTERCEPTORS_METADATA,
  METHOD_METADATA,
  PATH_METADATA,
  PIPES_METADATA,
  ROUTE_ARGS_METADATA,
} from '@nestjs/common/constants';
import { ApplicationConfig, ModulesContainer } from '@nestjs/core';
import { getMetadataStorage } from 'class-validator';
import fc from 'fast-check';
import { gzipSync } from 'node:zlib';
import type { Response } from 'supertest';
import { AuthGuard } from '../auth/auth.guard';
import { EvaluationController } from '../evaluation/evaluation.controller';
import { EvaluateDto } from '../evaluation/evaluation.dto';
import { EvaluationService } from '../evaluation/evaluation.service';
import { ProblemDetailsFilter } from './problem-details.filter';
import { bootService, createOfficial, type TestService } from '../../../test/support/app';
import { householdArbitrary } from '../../../test/support/household-arbitrary';
import { bearer } from '../../../test/support/problem-responses';

const KEY = 'shiyan-social-assistance';
const EVALUATE = `/api/v1/rulesets/${KEY}/evaluate`;
const HOUSEHOLD = {
  jurisdiction: '420325',
  residence: 'rural',
  annualNetIncome: '2400.00',
  assetsWithinLimit: true,
  members: [{ id: 'p1', birthDate: '1975-03-02' }],
};

/** `text` in UTF-16 big-endian, with or without a byte order mark. */
function utf16be(text: string, bom: boolean): Buffer {
  const bytes = Buffer.from(text, 'utf16le').swap16();
  return bom ? Buffer.concat([Buffer.from([0xfe, 0xff]), bytes]) : bytes;
}

/**
 * What a client sees of an answer: status, headers but `Date`, and the body as sent. A problem names
 * the URL it answers, which differs by the trailing slash only: that name is read as the same, and
 * the ETag and length of its body are then not compared.
 */
function seen(response: Response): { status: number; headers: Record<string, unknown>; text: string } {
  const { date: _date, ...headers } = response.headers as Record<string, unknown>;
  const text = response.text.replace(`"instance":"${EVALUATE}/"`, `"instance":"${EVALUATE}"`);
  const renamed = text !== response.text || response.text.includes(`"instance":"${EVALUATE}"`);
  return {
    status: response.status,
    headers: renamed ? { ...headers, etag: undefined, 'content-length': undefined } : headers,
    text,
  };
}

describe('the direct evaluation route', () => {
  let service: TestService;
  let caseworkerKey: string;
  let editor: string;
  let guard: jest.SpyInstance;

  beforeAll(async () => {
    service = await bootService();
    const created = await service.http
      .post('/api/v1/api-keys')
      .set(bearer(service.adminToken))
      .send({ name: 'direct route case system', roles: ['caseworker'] });
    expect(created.status).toBe(201);
    caseworkerKey = (created.body as { key: string }).key;
    editor = await createOfficial(service, 'direct.editor', ['editor']);
    const draft = await service.http
      .post(`/api/v1/rulesets/${KEY}/versions`)
      .set(bearer(editor))
      .send({ version: '2021', basedOn: '2020', effectiveFrom: '2021-01-01' });
    expect(draft.status).toBe(201);
    guard = jest.spyOn(AuthGuard.prototype, 'canActivate');
  });
  afterAll(async () => {
    guard?.mockRestore();
    await service?.close();
  });

  /**
   * Sends `body` (an object, or JSON text or bytes) both ways with `token` and the headers given;
   * returns what each path answered and whether the full pipeline (the guard) ran for the first.
   * The second must reach the guard unless `fullRunsGuard` is false (a body refused before it).
   */
  async function bothWays(
    body: unknown,
    token: string | null,
    headers: Record<string, string> = {},
    fullRunsGuard = true,
  ): Promise<{ direct: Response; full: Response; directRanGuard: boolean }> {
    const send = (url: string) => {
      const request = service.http.post(url).set({ 'Content-Type': 'application/json', ...headers });
      if (token !== null) request.set(bearer(token));
      // Bytes as they are: superagent would send a Buffer declared JSON as the JSON of a Buffer.
      if (Buffer.isBuffer(body)) return request.serialize((bytes: unknown) => bytes as string).send(body);
      return request.send(typeof body === 'string' ? body : JSON.stringify(body));
    };
    guard.mockClear();
    const direct = await send(EVALUATE);
    const directRanGuard = guard.mock.calls.length > 0;
    guard.mockClear();
    const full = await send(`${EVALUATE}/`);
    if (fullRunsGuard) expect(guard).toHaveBeenCalled();
    return { direct, full, directRanGuard };
  }

  it('answers random households as the controller does, byte for byte, in every answer language', async () => {
    const cases = [
      { asOf: '2019-06-30', jurisdictions: ['420325', '420302', 'SY0001'] },
      { asOf: '2017-03-31', jurisdictions: ['420325', '420381'] },
      { asOf: '2020-12-31', jurisdictions: ['420322', 'SY0002'] },
    ];
    const languages: Record<string, string>[] = [
      {},
      { 'Accept-Language': 'en' },
      { 'Accept-Language': 'zh-CN,zh;q=0.9' },
    ];
    let compared = 0;
    for (const [i, { asOf, jurisdictions }] of cases.entries()) {
      const households = fc.sample(householdArbitrary({ jurisdictions, asOf }), {
        seed: 20261201 + i,
        numRuns: 12,
      });
      for (const [j, household] of households.entries()) {
        const { direct, full, directRanGuard } = await bothWays(
          { asOf, household },
          caseworkerKey,
          languages[j % languages.length],
        );
        expect(directRanGuard).toBe(false);
        expect(direct.status).toBe(200);
        expect(seen(direct)).toEqual(seen(full));
        compared++;
      }
    }
    expect(compared).toBe(36);
  });

  it('answers a version asked for by label, and the warnings of a version past its review date', async () => {
    for (const body of [
      { asOf: '2019-06-30', household: HOUSEHOLD, version: '2019' },
      { asOf: '2030-06-30', household: HOUSEHOLD },
    ]) {
      const { direct, full, directRanGuard } = await bothWays(body, caseworkerKey);
      expect(directRanGuard).toBe(false);
      expect(direct.status).toBe(200);
      expect(seen(direct)).toEqual(seen(full));
    }
  });

  it("answers the service's refusals as the exception filter does", async () => {
    const refusals: [unknown, string, number][] = [
      // A draft: an editor may evaluate it (on the workers), a caseworker may not.
      [{ asOf: '2021-06-30', household: HOUSEHOLD, version: '2021' }, caseworkerKey, 403],
      [{ asOf: '2019-06-30', household: HOUSEHOLD, version: '1999' }, caseworkerKey, 404],
      // Facts the version does not declare, or without a required one: the engine's problems.
      [{ asOf: '2019-06-30', household: { ...HOUSEHOLD, pets: 3 } }, caseworkerKey, 422],
      [{ asOf: '2019-06-30', household: { ...HOUSEHOLD, annualNetIncome: '-1' } }, caseworkerKey, 422],
      ['{"asOf":"2019-06-30","household":{"jurisdiction":"420325"}}', caseworkerKey, 422],
    ];
    for (const [body, token, status] of refusals) {
      const { direct, full, directRanGuard } = await bothWays(body, token, { 'Accept-Language': 'en' });
      expect(directRanGuard).toBe(false);
      expect({ body, status: direct.status }).toEqual({ body, status });
      expect(seen(direct)).toEqual(seen(full));
    }
    const { direct, full } = await bothWays(
      { asOf: '2021-06-30', household: HOUSEHOLD, version: '2021' },
      editor,
    );
    expect(direct.status).toBe(200);
    expect(seen(direct)).toEqual(seen(full));
  });

  it('leaves to the full pipeline every body the validation pipe would refuse, and every refused token', async () => {
    const revoked = await service.http
      .post('/api/v1/api-keys')
      .set(bearer(service.adminToken))
      .send({ name: 'revoked case system', roles: ['caseworker'] });
    const { id, key } = revoked.body as { id: string; key: string };
    expect((await service.http.delete(`/api/v1/api-keys/${id}`).set(bearer(service.adminToken))).status).toBe(
      204,
    );
    const good = { asOf: '2019-06-30', household: HOUSEHOLD };
    const refused: [unknown, string | null, number][] = [
      [{ ...good, extra: 1 }, caseworkerKey, 400],
      [{ ...good, asOf: '2019-02-30' }, caseworkerKey, 400],
      [{ ...good, asOf: 20190630 }, caseworkerKey, 400],
      [{ ...good, household: [HOUSEHOLD] }, caseworkerKey, 400],
      [{ ...good, household: null }, caseworkerKey, 400],
      [{ ...good, version: 'no label' }, caseworkerKey, 400],
      [{ asOf: '2019-06-30' }, caseworkerKey, 400],
      ['{"asOf":"2019-06-30","household":{"constructor":{}}}', caseworkerKey, 400],
      ['{"toString":1,"asOf":"2019-06-30","household":{}}', caseworkerKey, 400],
      [good, null, 401],
      [good, 'not-a-key-of-this-service-at-all', 401],
      [good, key, 401],
    ];
    for (const [body, token, status] of refused) {
      const { direct, full, directRanGuard } = await bothWays(body, token, { 'Accept-Language': 'en' });
      expect({ body, ranGuard: directRanGuard, status: direct.status }).toEqual({
        body,
        ranGuard: true,
        status,
      });
      expect(seen(direct)).toEqual(seen(full));
    }
  });

  it('has no global interceptor, no other global guard, pipe or filter, and no Nest middleware', () => {
    const config = service.app.get(ApplicationConfig);
    const names = (items: object[]): string[] => items.map((item) => item.constructor.name);
    expect({
      interceptors: names(config.getGlobalInterceptors()),
      guards: names(config.getGlobalGuards()),
      pipes: names(config.getGlobalPipes()),
      filters: names(config.getGlobalFilters()),
      scoped: [
        ...config.getGlobalRequestInterceptors(),
        ...config.getGlobalRequestGuards(),
        ...config.getGlobalRequestPipes(),
        ...config.getGlobalRequestFilters(),
      ].length,
    }).toEqual({
      interceptors: [],
      guards: [AuthGuard.name],
      pipes: ['RequestValidationPipe'],
      filters: [ProblemDetailsFilter.name],
      scoped: 0,
    });
    // A module's `configure(consumer)` would add middleware after the direct route.
    const configured = [...service.app.get(ModulesContainer).values()]
      .filter(
        (module) => typeof (module.metatype?.prototype as { configure?: unknown })?.configure === 'function',
      )
      .map((module) => module.metatype.name);
    expect(configured).toEqual([]);
  });

  it('answers an accepted request at the front door, before Express, and hands every other to Express', async () => {
    const server = service.app.getHttpServer() as { listeners(event: string): unknown[] };
    const express = service.app.getHttpAdapter().getInstance() as unknown as {
      handle: (...args: unknown[]) => void;
    };
    expect(server.listeners('request')).toHaveLength(1);
    expect(server.listeners('request')[0]).not.toBe(express);
    const handle = jest.spyOn(express, 'handle');
    try {
      const good = { asOf: '2019-06-30', household: HOUSEHOLD };
      const answered = await bothWays(good, caseworkerKey);
      expect(answered.direct.status).toBe(200);
      // The trailing slash goes to Express; the exact route does not.
      expect(handle).toHaveBeenCalledTimes(1);
      handle.mockClear();
      // A failed evaluation is answered by the direct route without evaluating again.
      const evaluate = jest.spyOn(EvaluationService.prototype, 'evaluate');
      const failed = await service.http
        .post(EVALUATE)
        .set(bearer(caseworkerKey))
        .send({ ...good, household: { ...HOUSEHOLD, jurisdiction: 'nowhere' } });
      expect({ status: failed.status, evaluations: evaluate.mock.calls.length }).toEqual({
        status: 422,
        evaluations: 1,
      });
      evaluate.mockRestore();
      for (const [body, token] of [
        [{ ...good, extra: 1 }, caseworkerKey],
        [good, 'not-a-key-of-this-service-at-all'],
        [{ ...good, household: { ...HOUSEHOLD, jurisdiction: 'nowhere' } }, caseworkerKey],
      ] as const) {
        handle.mockClear();
        const { direct } = await bothWays(body, token);
        expect({ body, status: direct.status, express: handle.mock.calls.length }).toEqual({
          body,
          status: direct.status >= 400 ? direct.status : -1,
          express: 2,
        });
      }
    } finally {
      handle.mockRestore();
    }
  });

  it('answers what the front door reads and hands over exactly as the full pipeline does', async () => {
    const good = JSON.stringify({ asOf: '2019-06-30', household: HOUSEHOLD });
    const cases: { body: string | Buffer; headers?: Record<string, string>; status: number }[] = [
      { body: '{"asOf":"2019-06-30","household":', status: 400 },
      { body: '{"asOf":"2019-06-30","household":{}}}', status: 400 },
      { body: 'null', status: 400 },
      { body: '[]', status: 400 },
      { body: '"text"', status: 400 },
      { body: '{}', status: 400 },
      // A number no double holds: read exactly, refused as the household's income.
      {
        body: good.replace('"2400.00"', '2400.0000000000000000000001'),
        status: 422,
      },
      { body: good.replace('"2400.00"', '1e400'), status: 422 },
      { body: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(good)]), status: 200 },
      { body: good, headers: { 'Content-Type': 'application/json; charset=utf-8' }, status: 200 },
      { body: good, headers: { 'Content-Type': 'application/json; charset=latin1' }, status: 415 },
      { body: good, headers: { 'Content-Type': 'application/vnd.api+json' }, status: 200 },
      { body: good, headers: { 'Content-Type': 'text/plain' }, status: 415 },
      // Every charset the parser reads, the exact-number check reads the same way (its decoder).
      { body: good, headers: { 'Content-Type': 'application/json; charset=utf-7' }, status: 200 },
      { body: good, headers: { 'Content-Type': 'application/json; charset=utf-32' }, status: 400 },
      {
        body: utf16be(good.replace('"2400.00"', '2400.0000000000000000000001'), true),
        headers: { 'Content-Type': 'application/json; charset=utf-16' },
        status: 422,
      },
      {
        body: utf16be(good.replace('"2400.00"', '2400.0000000000000000000001'), false),
        headers: { 'Content-Type': 'application/json; charset=utf-16' },
        status: 422,
      },
      {
        body: utf16be(good, true),
        headers: { 'Content-Type': 'application/json; charset=utf-16' },
        status: 200,
      },
      { body: gzipSync(good), headers: { 'Content-Encoding': 'gzip' }, status: 200 },
      // No version: as if the field were absent.
      { body: good.replace('{"asOf"', '{"version":null,"asOf"'), status: 200 },
      { body: good.replace('"p1"', '"p\\u0000"'), status: 400 },
      { body: good.replace('"p1"', '"\\ud800"'), status: 400 },
      { body: good.replace('{"jurisdiction"', '{"__proto__":{"x":1},"jurisdiction"'), status: 400 },
      { body: `{"asOf":"2019-06-30","household":${'['.repeat(50)}${']'.repeat(50)}}`, status: 400 },
    ];
    for (const { body, headers, status } of cases) {
      const { direct, full } = await bothWays(
        body,
        caseworkerKey,
        { 'Accept-Language': 'en', ...headers },
        false,
      );
      const label = String(body).slice(0, 80);
      expect({ label, status: direct.status }).toEqual({ label, status });
      expect(seen(direct)).toEqual(seen(full));
    }
  });

  it('reads "version": null as no version in a batch too', async () => {
    const batch = await service.http
      .post(`${EVALUATE}/batch`)
      .set(bearer(caseworkerKey))
      .send({ asOf: '2019-06-30', households: [HOUSEHOLD], version: null });
    const plain = await service.http
      .post(`${EVALUATE}/batch`)
      .set(bearer(caseworkerKey))
      .send({ asOf: '2019-06-30', households: [HOUSEHOLD] });
    expect(batch.status).toBe(200);
    expect(batch.text).toBe(plain.text);
  });

  it('leaves other spellings of the route to the full pipeline', async () => {
    const body = JSON.stringify({ asOf: '2019-06-30', household: HOUSEHOLD });
    for (const url of [
      `${EVALUATE}/`,
      EVALUATE.toUpperCase().replace(KEY.toUpperCase(), KEY),
      `${EVALUATE}?x=1`,
    ]) {
      guard.mockClear();
      const response = await service.http
        .post(url)
        .set(bearer(caseworkerKey))
        .set('Content-Type', 'application/json')
        .send(body);
      expect({ url, status: response.status, ranGuard: guard.mock.calls.length > 0 }).toEqual({
        url,
        status: 200,
        ranGuard: true,
      });
    }
  });
});

/**
 * What the direct route mirrors of the controller's route. When one of these changes (a new
 * parameter, body field, guard or pipe), the direct route must learn it too, or leave such requests
 * to the controller: this fails first (the application's global enhancers are checked above).
 */
describe('the controller route the direct route stands for', () => {
  it('takes the principal, the key, the body, the household as sent and Accept-Language, and sends the answer itself', () => {
    const args = Reflect.getMetadata(ROUTE_ARGS_METADATA, EvaluationController, 'evaluate') as Record<
      string,
      {
        index: number;
        data?: unknown;
        pipes: unknown[];
        factory?: (data: unknown, context: unknown) => unknown;
      }
    >;
    const byIndex = Object.entries(args)
      .map(([key, arg]) => ({ kind: key.split(':')[0] as string, ...arg }))
      .sort((a, b) => a.index - b.index);
    expect(
      byIndex.map(({ kind, data, pipes }) => ({
        custom: kind.endsWith('__customRouteArgs__'),
        kind,
        data,
        pipes,
      })),
    ).toEqual([
      { custom: true, kind: expect.any(String), data: undefined, pipes: [] },
      { custom: false, kind: '5', data: 'key', pipes: [] }, // RouteParamtypes.PARAM
      { custom: false, kind: '3', data: undefined, pipes: [] }, // RouteParamtypes.BODY
      { custom: true, kind: expect.any(String), data: 'household', pipes: [] },
      { custom: false, kind: '6', data: 'accept-language', pipes: [] }, // RouteParamtypes.HEADERS
      { custom: false, kind: '1', data: undefined, pipes: [] }, // RouteParamtypes.RESPONSE (sendJsonBytes)
    ]);
    // The custom ones read the guard's principal and the body's field as sent.
    const principal = { person: 'p' };
    const household = { jurisdiction: '420325' };
    const context = { switchToHttp: () => ({ getRequest: () => ({ principal, body: { household } }) }) };
    expect(byIndex[0]?.factory?.(byIndex[0].data, context)).toBe(principal);
    expect(byIndex[3]?.factory?.(byIndex[3].data, context)).toBe(household);

    const handler = EvaluationController.prototype.evaluate;
    expect(Reflect.getMetadata(PATH_METADATA, EvaluationController)).toBe('api/v1/rulesets/:key');
    expect(Reflect.getMetadata(PATH_METADATA, handler)).toBe('evaluate');
    expect(Reflect.getMetadata(METHOD_METADATA, handler)).toBe(RequestMethod.POST);
    expect(Reflect.getMetadata(HTTP_CODE_METADATA, handler)).toBe(200);
    for (const enhancer of [
      GUARDS_METADATA,
      INTERCEPTORS_METADATA,
      PIPES_METADATA,
      EXCEPTION_FILTERS_METADATA,
    ])
      for (const target of [handler, EvaluationController])
        expect({ enhancer, found: Reflect.getMetadata(enhancer, target) as unknown }).toEqual({
          enhancer,
          found: undefined,
        });
  });

  it('validates exactly asOf, household and an optional version', () => {
    const rules = getMetadataStorage()
      .getTargetValidationMetadatas(EvaluateDto, '', true, false)
      .map((m) => `${m.propertyName}:${m.name ?? m.type}`)
      .sort();
    expect(rules).toEqual(['asOf:isIsoDate', 'household:isObject', 'version:isOptional', 'version:matches']);
  });
});
