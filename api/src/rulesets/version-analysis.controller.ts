import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../common/api-problems';
import type { Response } from 'express';
import { problemLanguageOf } from '../common/problem-messages';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/roles';
import { languageOf, type TestRun } from '../engine';
import type { LabelledDiff } from '../workers/worker-protocol';
import { toVersionSummary } from './rulesets.dto';
import {
  CheckReportResponse,
  DiffQueryDto,
  TestRunResponse,
  VersionDiffResponse,
  VersionParametersResponse,
} from './version-analysis.dto';
import { VersionAnalysisService } from './version-analysis.service';

const LANGUAGE_HEADER = {
  name: 'Accept-Language',
  required: false,
  description: 'zh… (or none): messages in Chinese; anything else: in English. Codes and paths never change.',
};

/** What the editor reads about versions beyond their content; nothing here changes anything. */
@ApiTags('rulesets and versions')
@ApiProblems(400, 401, 403, 404, 422, 503)
@ApiBearerAuth()
@Controller('api/v1/rulesets/:key')
export class VersionAnalysisController {
  constructor(@Inject(VersionAnalysisService) private readonly analysis: VersionAnalysisService) {}

  /** The body comes serialised from the workers; it is sent as `res.json` would send it. */
  @Post('versions/:version/check')
  @ApiOperation({
    summary: 'Check content without saving it',
    description:
      'Checks a whole document as validate would at this URL (schema, expressions, constraints against the published version before its effectiveFrom, review date) without running the embedded tests, and gives every parameter in every jurisdiction. Nothing is saved or audited; any status may be checked. The content must be of this ruleset (422 naming /metadata/key).',
  })
  @Roles('editor')
  @HttpCode(200)
  @ApiHeader(LANGUAGE_HEADER)
  @ApiBody({
    schema: { $ref: '/api/schema/ruleset-v1.schema.json', description: 'A ruleset version document' },
  })
  @ApiOkResponse({ type: CheckReportResponse })
  async check(
    @Param('key') key: string,
    @Param('version') version: string,
    @Body() content: unknown,
    @Headers('accept-language') acceptLanguage: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    const json = await this.analysis.check(key, version, content, problemLanguageOf(acceptLanguage));
    res.status(200).type('application/json').send(json);
  }

  @Get('versions/:version/parameters')
  @ApiOperation({
    summary: "Read a version's parameters everywhere",
    description:
      'Every parameter of the version resolved in every jurisdiction at its effectiveFrom (formulas computed), with the unit, labels and basis of each. Who may read the version may read them.',
  })
  @Roles('caseworker', 'editor', 'approver', 'analyst', 'admin')
  @ApiOkResponse({ type: VersionParametersResponse })
  async parameters(
    @CurrentPrincipal() principal: Principal,
    @Param('key') key: string,
    @Param('version') version: string,
  ): Promise<VersionParametersResponse> {
    const { row, parameters } = await this.analysis.parameters(principal, key, version);
    return { version: toVersionSummary(row), ...parameters };
  }

  @Get('diff')
  @ApiOperation({
    summary: 'Compare two versions',
    description:
      'What changed from version `from` to version `to`: every parameter value per jurisdiction (old, new, change, percent), the rules, benefits, outcomes, derived facts, constraints, facts and jurisdictions added, removed or changed, the settings, and the labels to show them. Each version needs a role that may read it.',
  })
  @Roles('caseworker', 'editor', 'approver', 'analyst', 'admin')
  @ApiOkResponse({ type: VersionDiffResponse })
  diff(
    @CurrentPrincipal() principal: Principal,
    @Param('key') key: string,
    @Query() query: DiffQueryDto,
  ): Promise<LabelledDiff> {
    return this.analysis.diff(principal, key, query.from, query.to);
  }

  @Post('versions/:version/tests/run')
  @ApiOperation({
    summary: "Run a version's embedded tests",
    description:
      'Runs the test cases embedded in the version and gives, for each, every benefit line expected and computed, the totals and eligibility that differ, and messages (Accept-Language). Changes nothing.',
  })
  @Roles('editor', 'approver', 'analyst')
  @HttpCode(200)
  @ApiHeader(LANGUAGE_HEADER)
  @ApiOkResponse({ type: TestRunResponse })
  runTests(
    @CurrentPrincipal() principal: Principal,
    @Param('key') key: string,
    @Param('version') version: string,
    @Headers('accept-language') acceptLanguage: string | undefined,
  ): Promise<TestRun> {
    return this.analysis.runTests(principal, key, version, languageOf(acceptLanguage));
  }
}
