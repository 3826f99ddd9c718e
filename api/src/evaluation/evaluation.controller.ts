import { ApiProblems } from '../common/api-problems';
import {
  Body,
  Controller,
  createParamDecorator,
  type ExecutionContext,
  Get,
  Headers,
  HttpCode,
  Inject,
  Param,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/roles';
import {
  BatchResponse,
  DeterminationResponse,
  EvaluateBatchDto,
  EvaluateDto,
  ParametersQueryDto,
  ParametersResponse,
} from './evaluation.dto';
import { EvaluationService } from './evaluation.service';
import { languageOf } from '../engine';
import { problemLanguageOf } from '../common/problem-messages';
import { sendJsonBytes } from '../common/json-answer';

/**
 * A body field exactly as sent, after the DTO has checked the body: class-transformer's copy would
 * drop fields such as "constructor", which the engine must see to refuse them as unknown facts.
 */
const SentBodyField = createParamDecorator(
  (field: string, context: ExecutionContext): unknown =>
    context.switchToHttp().getRequest<{ body?: Record<string, unknown> }>().body?.[field],
);

@ApiTags('evaluation')
@ApiProblems(400, 401, 403, 404, 422, 503)
@ApiBearerAuth()
@ApiHeader({
  name: 'Accept-Language',
  required: false,
  description:
    'zh… (or none): explanations and problems in Chinese; anything else: in English. Codes, field names and amounts never change with it.',
})
@Controller('api/v1/rulesets/:key')
@Roles('caseworker', 'editor', 'approver', 'analyst', 'admin')
export class EvaluationController {
  constructor(@Inject(EvaluationService) private readonly evaluation: EvaluationService) {}

  @Post('evaluate')
  @ApiOperation({
    summary: 'Evaluate one household',
    description:
      'The determination for one household on `asOf`: eligibility with reasons, benefit lines (amount, period, legal basis, explanation) and totals. Explanations are in Chinese unless Accept-Language asks for English. Uses the published version in force on `asOf`, or the version named.',
  })
  @HttpCode(200)
  @ApiOkResponse({ type: DeterminationResponse })
  async evaluate(
    @CurrentPrincipal() principal: Principal,
    @Param('key') key: string,
    @Body() body: EvaluateDto,
    @SentBodyField('household') household: unknown,
    @Headers('accept-language') acceptLanguage: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    const json = await this.evaluation.evaluate(
      principal,
      key,
      body.asOf,
      household,
      body.version,
      languageOf(acceptLanguage),
    );
    sendJsonBytes(res, json);
  }

  /** The body comes serialised from the workers (see sendJsonBytes). */
  @Post('evaluate/batch')
  @ApiOperation({
    summary: 'Evaluate up to 1000 households',
    description:
      'One result per household, in input order: a determination, or a problem for a bad household while the others are still evaluated.',
  })
  @HttpCode(200)
  @ApiOkResponse({ type: BatchResponse })
  async batch(
    @CurrentPrincipal() principal: Principal,
    @Param('key') key: string,
    @Body() body: EvaluateBatchDto,
    @SentBodyField('households') households: unknown[],
    @Headers('accept-language') acceptLanguage: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    const json = await this.evaluation.evaluateBatch(
      principal,
      key,
      body.asOf,
      households,
      body.version,
      languageOf(acceptLanguage),
      problemLanguageOf(acceptLanguage),
    );
    sendJsonBytes(res, json);
  }

  @Get('parameters')
  @ApiOperation({
    summary: 'Read the parameters in force',
    description:
      'Every parameter of the version in force on `asOf`, resolved for one jurisdiction (formulas computed): `parameters` gives the values as decimal strings, `definitions` the unit (yuan/month, yuan/year, ratio …), labels and legal basis of each.',
  })
  @ApiOkResponse({ type: ParametersResponse })
  parameters(
    @CurrentPrincipal() principal: Principal,
    @Param('key') key: string,
    @Query() query: ParametersQueryDto,
    @Headers('accept-language') acceptLanguage: string | undefined,
  ): Promise<ParametersResponse> {
    return this.evaluation.parameters(
      principal,
      key,
      query.asOf,
      query.jurisdiction,
      query.version,
      languageOf(acceptLanguage),
    );
  }
}
