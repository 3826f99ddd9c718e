import { ApiProblems } from '../common/api-problems';
import { localizeReport, problemLanguageOf } from '../common/problem-messages';
import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Put, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/roles';
import { languageOf } from '../engine';
import {
  AcceptTestsDto,
  AcceptTestsResponse,
  CreateVersionDto,
  PublishVersionDto,
  ReturnVersionDto,
  RulesetSummary,
  toVersionSummary,
  ValidationReportResponse,
  VersionSummary,
  WithdrawVersionDto,
} from './rulesets.dto';
import { DraftsService } from './drafts.service';
import { RulesetsService } from './rulesets.service';
import { VersionLifecycleService } from './version-lifecycle.service';

const CONTENT_SCHEMA = {
  $ref: '/api/schema/ruleset-v1.schema.json',
  description: 'A ruleset version document (format v1)',
};

@ApiTags('rulesets and versions')
@ApiProblems(400, 401, 403, 404, 409, 412, 422, 428, 503)
@ApiBearerAuth()
@Controller('api/v1/rulesets')
export class RulesetsController {
  constructor(
    @Inject(RulesetsService) private readonly rulesets: RulesetsService,
    @Inject(DraftsService) private readonly drafts: DraftsService,
    @Inject(VersionLifecycleService) private readonly lifecycle: VersionLifecycleService,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'List rulesets',
    description: 'Every ruleset with its key, names, jurisdictions (code, names, groups) and versions.',
  })
  @Roles('caseworker', 'editor', 'approver', 'analyst', 'admin')
  @ApiOkResponse({ type: RulesetSummary, isArray: true })
  list(): Promise<RulesetSummary[]> {
    return this.rulesets.listRulesets();
  }

  @Get(':key/versions')
  @ApiOperation({
    summary: 'List the versions of a ruleset',
    description:
      'Every version: label, status (draft, in_review, published, withdrawn), effectiveFrom, publishedAt and content hash.',
  })
  @Roles('caseworker', 'editor', 'approver', 'analyst', 'admin')
  @ApiOkResponse({ type: VersionSummary, isArray: true })
  async versions(@Param('key') key: string): Promise<VersionSummary[]> {
    return (await this.rulesets.listVersions(key)).map(toVersionSummary);
  }

  @Get(':key/versions/:version')
  @ApiOperation({
    summary: "Read a version's content",
    description:
      'The full ruleset document; the ETag header is its content hash (send it back as If-Match to edit a draft). Drafts need the editor role.',
  })
  @Roles('caseworker', 'editor', 'approver', 'analyst', 'admin')
  @ApiOkResponse({
    description: 'The version content; the ETag header is its content hash',
    schema: CONTENT_SCHEMA,
  })
  async get(
    @CurrentPrincipal() principal: Principal,
    @Param('key') key: string,
    @Param('version') version: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<object> {
    const row = await this.rulesets.getVersion(principal, key, version);
    res.setHeader('ETag', `"${row.contentHash}"`);
    res.setHeader('X-Version-Status', row.status);
    return row.content;
  }

  @Post(':key/versions')
  @ApiOperation({
    summary: 'Start a draft',
    description:
      'Copies the version `basedOn` into a new draft labelled `version`, taking effect on `effectiveFrom`.',
  })
  @Roles('editor')
  @ApiCreatedResponse({ type: VersionSummary })
  async create(
    @CurrentPrincipal() principal: Principal,
    @Param('key') key: string,
    @Body() body: CreateVersionDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<VersionSummary> {
    const row = await this.drafts.createDraft(principal, key, body);
    res.setHeader('ETag', `"${row.contentHash}"`);
    res.setHeader(
      'Location',
      `/api/v1/rulesets/${encodeURIComponent(key)}/versions/${encodeURIComponent(row.version)}`,
    );
    return toVersionSummary(row);
  }

  @Put(':key/versions/:version')
  @ApiOperation({
    summary: "Replace a draft's content",
    description:
      'Replaces the whole document; needs If-Match with the ETag last read (428 without it, 412 when stale). Published versions never change (409).',
  })
  @Roles('editor')
  @ApiHeader({ name: 'If-Match', required: true, description: 'The ETag (content hash) you last read' })
  @ApiBody({ schema: CONTENT_SCHEMA })
  @ApiOkResponse({ type: VersionSummary })
  async replace(
    @CurrentPrincipal() principal: Principal,
    @Param('key') key: string,
    @Param('version') version: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() content: unknown,
    @Res({ passthrough: true }) res: Response,
  ): Promise<VersionSummary> {
    const row = await this.drafts.replaceDraft(principal, key, version, ifMatch, content);
    res.setHeader('ETag', `"${row.contentHash}"`);
    return toVersionSummary(row);
  }

  @Post(':key/versions/:version/tests/accept')
  @ApiOperation({
    summary: "Accept a draft's new test results",
    description:
      'Makes the chosen embedded tests (`"all"` or a list of names) expect what the draft now computes, answering like a PUT: needs If-Match with the ETag last read, and gives the new ETag.',
  })
  @Roles('editor')
  @HttpCode(200)
  @ApiHeader({ name: 'If-Match', required: true, description: 'The ETag (content hash) you last read' })
  @ApiOkResponse({
    type: AcceptTestsResponse,
    description:
      "The chosen tests expect what the draft now computes; the ETag header is the new content's hash; " +
      '`warnings` (only when any) name each test whose expected eligibility flipped',
  })
  async acceptTests(
    @CurrentPrincipal() principal: Principal,
    @Param('key') key: string,
    @Param('version') version: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Headers('accept-language') acceptLanguage: string | undefined,
    @Body() body: AcceptTestsDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AcceptTestsResponse> {
    const { row, warnings } = await this.drafts.acceptTests(
      principal,
      key,
      version,
      ifMatch,
      body.tests,
      languageOf(acceptLanguage),
    );
    res.setHeader('ETag', `"${row.contentHash}"`);
    return { ...toVersionSummary(row), ...(warnings.length > 0 ? { warnings } : {}) };
  }

  @Post(':key/versions/:version/validate')
  @ApiOperation({
    summary: 'Validate a version',
    description:
      "Checks schema, expressions, policy constraints against the version before it, and the version's own test cases: `valid`, `errors`, `warnings`.",
  })
  @Roles('editor')
  @HttpCode(200)
  @ApiOkResponse({ type: ValidationReportResponse })
  async validate(
    @Param('key') key: string,
    @Param('version') version: string,
    @Headers('accept-language') acceptLanguage: string | undefined,
  ): Promise<ValidationReportResponse> {
    return localizeReport(await this.lifecycle.validate(key, version), problemLanguageOf(acceptLanguage));
  }

  @Post(':key/versions/:version/submit')
  @ApiOperation({
    summary: 'Submit a draft for review',
    description: 'Moves a valid draft to in_review; an invalid one is refused with its problems (422).',
  })
  @Roles('editor')
  @HttpCode(200)
  @ApiOkResponse({ type: VersionSummary })
  async submit(
    @CurrentPrincipal() principal: Principal,
    @Param('key') key: string,
    @Param('version') version: string,
  ): Promise<VersionSummary> {
    return toVersionSummary(await this.lifecycle.submit(principal, key, version));
  }

  @Post(':key/versions/:version/publish')
  @ApiOperation({
    summary: 'Publish a version',
    description:
      'Moves a version in review to published. Needs the approver role and four eyes: the publisher is a person who neither drafted nor edited it (403 otherwise). One published version per effective date (409). A publish that takes effect before today needs `acknowledgeRetroactive: true`.',
  })
  @Roles('approver')
  @HttpCode(200)
  @ApiBody({ type: PublishVersionDto, required: false })
  @ApiOkResponse({ type: VersionSummary })
  async publish(
    @CurrentPrincipal() principal: Principal,
    @Param('key') key: string,
    @Param('version') version: string,
    @Body() body: PublishVersionDto,
  ): Promise<VersionSummary> {
    return toVersionSummary(
      await this.lifecycle.publish(principal, key, version, {
        acknowledgeRetroactive: body.acknowledgeRetroactive,
      }),
    );
  }

  @Post(':key/versions/:version/withdraw')
  @ApiOperation({
    summary: 'Withdraw a published version',
    description:
      'Takes a published version out of force, with a reason, which the audit log records. A withdrawal that leaves dates without any version in force needs `acknowledgeUncoveredDates: true`.',
  })
  @Roles('approver')
  @HttpCode(200)
  @ApiOkResponse({ type: VersionSummary })
  async withdraw(
    @CurrentPrincipal() principal: Principal,
    @Param('key') key: string,
    @Param('version') version: string,
    @Body() body: WithdrawVersionDto,
  ): Promise<VersionSummary> {
    return toVersionSummary(
      await this.lifecycle.withdraw(principal, key, version, body.reason, {
        acknowledgeUncoveredDates: body.acknowledgeUncoveredDates,
      }),
    );
  }

  /** in_review → draft, for more edits (editor or approver, with a reason; audited as `returned`). */
  @Post(':key/versions/:version/return')
  @ApiOperation({
    summary: 'Return a version in review to draft',
    description:
      'Moves a version in review back to draft for more edits, with a reason (editor or approver); the audit log records it as returned.',
  })
  @Roles('editor', 'approver')
  @HttpCode(200)
  @ApiOkResponse({ type: VersionSummary })
  async returnToDraft(
    @CurrentPrincipal() principal: Principal,
    @Param('key') key: string,
    @Param('version') version: string,
    @Body() body: ReturnVersionDto,
  ): Promise<VersionSummary> {
    return toVersionSummary(await this.lifecycle.returnToDraft(principal, key, version, body.reason));
  }
}
