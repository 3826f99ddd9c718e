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

/** What a success status means, for a response documented without a description. */
const SUCCESS_DESCRIPTIONS: Record<string, string> = {
  '200': 'Done: the answer',
  '201': 'Created: the new resource',
  '202': 'Accepted: the work goes on after the answer',
  '204': 'Done: no content',
};

/** The problems every operation with a JSON body may give before its route runs (BODY_LIMIT, Content-Type). */
const BODY_PROBLEMS: Record<string, string> = {
  '413': 'The request body is larger than BODY_LIMIT',
  '415': 'The request body is not sent as JSON (Content-Type: application/json) or cannot be decoded',
};

interface OpenApiOperationLike {
  requestBody?: unknown;
  responses?: Record<string, { description?: string; content?: unknown }>;
}

/**
 * Completes the generated OpenAPI document in place: every response gets a description (a success
 * response declared without one says what its status means), and every operation with a JSON
 * request body lists the 413 and 415 problems the body checks give.
 */
export function completeOpenApiDocument(document: { paths: Record<string, Record<string, unknown>> }): void {
  for (const item of Object.values(document.paths)) {
    for (const operation of Object.values(item) as OpenApiOperationLike[]) {
      const responses = operation.responses;
      if (!responses) continue;
      for (const [status, response] of Object.entries(responses))
        if (!response.description)
          response.description =
            SUCCESS_DESCRIPTIONS[status] ?? DESCRIPTIONS[Number(status)] ?? 'Problem details';
      const content = (operation.requestBody as { content?: Record<string, unknown> } | undefined)?.content;
      if (!content?.['application/json']) continue;
      for (const [status, description] of Object.entries(BODY_PROBLEMS))
        responses[status] ??= {
          description,
          content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemResponse) } } },
        };
    }
  }
}
