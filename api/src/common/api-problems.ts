import { applyDecorators } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  getSchemaPath,
} from '@nestjs/swagger';

/** One bad field of a problem: where (JSON Pointer) and what would be valid. */
export class FieldProblemResponse {
  @ApiProperty({ example: '/members/0/birthDate' }) path!: string;
  @ApiProperty({ example: 'must be a date written YYYY-MM-DD, such as "1980-05-17"' }) message!: string;
}

/** RFC 9457 problem details, as every error of the API is sent (`application/problem+json`). */
export class ProblemResponse {
  @ApiProperty({ example: 'https://shiyan-rules.local/problems/invalid-input' }) type!: string;
  @ApiProperty({ example: 'Invalid input' }) title!: string;
  @ApiProperty({ example: 422 }) status!: number;
  @ApiProperty({ example: 'The input has 1 invalid field' }) detail!: string;
  @ApiPropertyOptional({ example: '/api/v1/rulesets/shiyan-social-assistance/evaluate' }) instance?: string;
  @ApiPropertyOptional({ type: FieldProblemResponse, isArray: true }) errors?: FieldProblemResponse[];
}

const DESCRIPTIONS: Record<number, string> = {
  400: 'The request is malformed; `errors` names each bad field',
  401: 'No valid bearer token',
  403: 'The token lacks the role, or the four-eyes rule forbids it',
  404: 'No such ruleset or version, or none in force on asOf',
  409: 'The version is not in a state that allows this',
  412: 'If-Match names content that has changed since',
  422: 'The content is well-formed but not acceptable; `errors` names each problem',
  428: 'If-Match is required',
  503: 'The database is unreachable (published rulesets are still evaluated), every worker is busy, or the work took longer than WORKER_TASK_TIMEOUT_MS',
};

/** Documents the problem responses a route can give. */
export function ApiProblems(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(ProblemResponse, FieldProblemResponse),
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status] ?? 'Problem details',
        content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemResponse) } } },
      }),
    ),
  );
}
