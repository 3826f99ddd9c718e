import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
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

@ApiTags('evaluation')
@ApiBearerAuth()
@Controller('api/v1/rulesets/:key')
@Roles('caseworker', 'editor', 'approver', 'analyst', 'admin')
export class EvaluationController {
  constructor(@Inject(EvaluationService) private readonly evaluation: EvaluationService) {}

  @Post('evaluate')
  @HttpCode(200)
  @ApiOkResponse({ type: DeterminationResponse })
  evaluate(
    @CurrentPrincipal() principal: Principal,
    @Param('key') key: string,
    @Body() body: EvaluateDto,
  ): Promise<object> {
    return this.evaluation.evaluate(principal, key, body.asOf, body.household, body.version);
  }

  @Post('evaluate/batch')
  @HttpCode(200)
  @ApiOkResponse({ type: BatchResponse })
  batch(
    @CurrentPrincipal() principal: Principal,
    @Param('key') key: string,
    @Body() body: EvaluateBatchDto,
  ): Promise<BatchResponse> {
    return this.evaluation.evaluateBatch(principal, key, body.asOf, body.households, body.version);
  }

  @Get('parameters')
  @ApiOkResponse({ type: ParametersResponse })
  parameters(
    @CurrentPrincipal() principal: Principal,
    @Param('key') key: string,
    @Query() query: ParametersQueryDto,
  ): Promise<ParametersResponse> {
    return this.evaluation.parameters(principal, key, query.asOf, query.jurisdiction, query.version);
  }
}
