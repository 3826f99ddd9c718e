/**
 * A single evaluation under a published version is answered on the event loop (handing one
 * household to a worker costs more than evaluating it), as the JSON bytes `res.json` wrote of the
 * determination and its warnings.
 */
import fc from 'fast-check';
import { householdArbitrary } from '../../../test/support/household-arbitrary';
import { shippedVersion } from '../../../test/support/shipped-rulesets';
import type { Principal } from '../auth/roles';
import type { Environment } from '../config/environment';
import { determine, reviewWarnings, withWarnings } from '../engine';
import type { PublishedVersionsService } from '../rulesets/published-versions.service';
import type { VersionsRepository } from '../rulesets/versions.repository';
import type { WorkerPoolService } from '../workers/worker-pool.service';
import { EvaluationService } from './evaluation.service';

const KEY = 'shiyan-social-assistance';
const caseworker: Principal = { person: 'cw', name: 'cw', roles: ['caseworker'], kind: 'service-account' };
const version = shippedVersion('2019');

describe('EvaluationService.evaluate under a published version', () => {
  const published = {
    catalog: (key: string) =>
      key === KEY ? { versionInForce: () => version, byLabel: () => undefined } : null,
  } as unknown as PublishedVersionsService;
  // No worker is asked: any call fails the test.
  const workers = new Proxy({}, { get: () => () => Promise.reject(new Error('a worker was asked')) });
  const service = new EvaluationService(
    published,
    {} as VersionsRepository,
    workers as WorkerPoolService,
    { evaluationPath: 'compiled' } as Environment,
  );
  // Past the version's review date (2020-12-31) for some, so that warnings are part of the answer.
  const dates = ['2019-06-30', '2021-03-01'];
  const households = fc.sample(
    householdArbitrary({ jurisdictions: ['420325', '420302'], asOf: dates[0] as string }),
    { seed: 3, numRuns: 12 },
  );

  it('answers the bytes res.json wrote of the determination and its warnings, in each language', async () => {
    let warned = 0;
    for (const [i, household] of households.entries()) {
      const asOf = dates[i % 2] as string;
      const language = i % 3 === 0 ? 'en' : 'zh';
      const warnings = reviewWarnings(version.document, asOf, language);
      warned += warnings.length > 0 ? 1 : 0;
      const expected = JSON.stringify(
        withWarnings(await determine(version, household, asOf, { language }), warnings),
      );
      const bytes = await service.evaluate(caseworker, KEY, asOf, household, undefined, language);
      expect(bytes.toString('utf8')).toBe(expected);
    }
    expect(warned).toBeGreaterThan(0);
  });
});
