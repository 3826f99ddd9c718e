import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { hasAnyRole, type Principal } from '../auth/roles';
import { ForbiddenError, NotFoundError, UnprocessableError } from '../common/domain-errors';
import { toProblem } from '../common/problem-details.filter';
import { RulesetVersionRow } from '../database/entities';
import { determine, parametersReport, type CompiledVersion, type Determination } from '../engine';
import { PublishedVersionsService } from '../rulesets/published-versions.service';

/**
 * Evaluation on the hot path: the published version in force comes from memory (no database
 * round trip once warm); only a draft asked for by label is read from the database.
 */
@Injectable()
export class EvaluationService {
  constructor(
    @Inject(PublishedVersionsService) private readonly published: PublishedVersionsService,
    @Inject(DataSource) private readonly dataSource: DataSource,
  ) {}

  /** The version to use: the one asked for by label, or the published one in force on `asOf`. */
  async versionFor(
    principal: Principal,
    key: string,
    asOf: string,
    label?: string,
  ): Promise<CompiledVersion> {
    const catalog = this.published.catalog(key);
    if (label === undefined) {
      if (!catalog) throw new NotFoundError(`There is no published ruleset "${key}"`);
      return catalog.versionInForce(asOf);
    }
    const publishedVersion = catalog?.byLabel(label);
    if (publishedVersion) return publishedVersion;
    const row = await this.dataSource
      .getRepository(RulesetVersionRow)
      .findOneBy({ rulesetKey: key, version: label });
    if (!row) throw new NotFoundError(`Ruleset "${key}" has no version "${label}"`);
    if (!hasAnyRole(principal, ['editor']))
      throw new ForbiddenError(`Version ${label} is ${row.status}: evaluating it needs the editor role`);
    try {
      return this.published.compile(row.content, row.contentHash);
    } catch (e) {
      throw new UnprocessableError(
        `Version ${label} does not compile yet; validate it to see why`,
        (e as { errors?: [] }).errors ?? [],
      );
    }
  }

  async evaluate(
    principal: Principal,
    key: string,
    asOf: string,
    household: unknown,
    label?: string,
  ): Promise<Determination> {
    return determine(await this.versionFor(principal, key, asOf, label), household, asOf);
  }

  /** Each household evaluated on its own: a bad one yields its problem, the rest still count. */
  async evaluateBatch(
    principal: Principal,
    key: string,
    asOf: string,
    households: unknown[],
    label?: string,
  ): Promise<{ results: object[] }> {
    const version = await this.versionFor(principal, key, asOf, label);
    const results: object[] = [];
    for (const [index, household] of households.entries()) {
      try {
        results.push(await determine(version, household, asOf));
      } catch (e) {
        const problem = toProblem(e);
        if (problem.status >= 500) throw e;
        results.push({ ...problem, index });
      }
    }
    return { results };
  }

  async parameters(
    principal: Principal,
    key: string,
    asOf: string,
    jurisdiction: string,
    label?: string,
  ): Promise<{ version: object; jurisdiction: string; parameters: Record<string, string> }> {
    return parametersReport(await this.versionFor(principal, key, asOf, label), jurisdiction);
  }
}
