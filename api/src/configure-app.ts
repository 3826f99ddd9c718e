import type { INestApplication } from '@nestjs/common';
import { NestFactory, Reflector } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { json, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { Server } from 'node:http';
import helmet from 'helmet';
import { AppModule } from './app.module';
import { PUBLIC_ROUTE, REQUIRED_ROLES } from './auth/auth.decorators';
import { PrincipalsService } from './auth/principals.service';
import type { Role } from './auth/roles';
import {
  directEvaluation,
  evaluationFrontDoor,
  raiseFrontDoorParseError,
  type DirectEvaluationCalls,
  type FrontDoorParts,
} from './common/direct-evaluation';
import { completeOpenApiDocument } from './common/api-problems';
import { CONTENT_SECURITY_POLICY, serveEditor } from './common/editor-assets';
import { JSON_MEDIA_TYPES, requireJsonBody } from './common/content-type';
import { toProblem } from './common/problem-details.filter';
import { localizeProblem, problemLanguageOf } from './common/problem-messages';
import {
  bodyBytesOf,
  guardRequestShape,
  markInexactNumbers,
  readNumbersExactly,
} from './common/request-guards';
import { createValidationPipe } from './common/validation';
import type { Environment } from './config/environment';
import { jsonSchemaText } from './engine';
import { EvaluationController } from './evaluation/evaluation.controller';
import { EvaluationService } from './evaluation/evaluation.service';

/** Bodies from this size on are read, checked and validated in separate turns of the event loop. */
const LARGE_BODY_BYTES = 64 * 1024;

function yieldAfterLargeBody(req: Request, _res: Response, next: NextFunction): void {
  // The size as read: a small compressed body can inflate to the body limit.
  if (bodyBytesOf(req) >= LARGE_BODY_BYTES) setImmediate(next);
  else next();
}

/**
 * What the direct evaluation route calls: the auth guard's principal lookup, the evaluation
 * controller's roles (read from its decorators, so the two cannot differ) and its service; null in
 * an application without them.
 */
function directEvaluationCalls(app: NestExpressApplication): DirectEvaluationCalls | null {
  const targets = [EvaluationController.prototype.evaluate, EvaluationController];
  const reflector = new Reflector();
  // A public route needs no principal: the direct route would have none to give; leave it to Nest.
  if (reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return null;
  let principals: PrincipalsService;
  let evaluation: EvaluationService;
  try {
    principals = app.get(PrincipalsService, { strict: false });
    evaluation = app.get(EvaluationService, { strict: false });
  } catch {
    return null;
  }
  return {
    principalOf: (token) => principals.principalOf(token),
    roles: reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets),
    evaluate: (principal, key, asOf, household, label, language) =>
      evaluation.evaluate(principal, key, asOf, household, label, language),
  };
}

/**
 * Puts {@link evaluationFrontDoor} in front of the Express application on the HTTP server, which
 * Nest has created by now (listening comes later): it answers the common single evaluations and
 * passes every other request to the application.
 */
function installFrontDoor(
  app: NestExpressApplication,
  calls: DirectEvaluationCalls,
  parseJson: RequestHandler,
  securityHeaders: FrontDoorParts['securityHeaders'],
): void {
  const server = app.getHttpServer() as Server;
  const listeners = server.listeners('request');
  const application = app.getHttpAdapter().getInstance() as FrontDoorParts['application'];
  // Only the plain case: the application itself as the one listener.
  if (listeners.length !== 1 || listeners[0] !== application) return;
  server.removeListener('request', application);
  server.on(
    'request',
    evaluationFrontDoor({ calls, parseJson, securityHeaders, largeBodyBytes: LARGE_BODY_BYTES, application }),
  );
}

/**
 * Everything `main.ts` and the e2e tests share: security headers, body limits, the validation
 * pipe, problem details for every error, the OpenAPI document and Swagger UI (served locally).
 */
export function configureApp(app: NestExpressApplication, env: Environment): void {
  app.disable('x-powered-by');
  const securityHeaders = helmet({
    // TLS ends in front of the service: HSTS and upgrades belong there, not on plain-HTTP intranets.
    strictTransportSecurity: false,
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
  });
  app.use(securityHeaders);
  // Any JSON value is read (not only objects and arrays), so that `null` or `"x"` is refused as not
  // an object rather than as not JSON (see guardRequestShape).
  const parseJson = json({
    limit: env.bodyLimit,
    type: JSON_MEDIA_TYPES,
    strict: false,
    verify: markInexactNumbers,
  });
  app.use(parseJson);
  // A body the front door read (below) is not read again; its parser's error is raised here.
  app.use(raiseFrontDoorParseError);
  // A body with a number a double cannot hold (`4739.9400000000000000001`) is read again exactly.
  app.use(readNumbersExactly);
  // A body the parser left unread because it is not declared JSON: 415, never a misleading 400.
  app.use(requireJsonBody);
  // Body-parser failures (malformed JSON, too large, bad charset, not JSON) answer as problem details too.
  app.use((error: unknown, req: Request, res: Response, next: NextFunction) => {
    if (!error) return next();
    const problem = localizeProblem(
      toProblem(error, req.originalUrl),
      problemLanguageOf(req.headers['accept-language']),
    );
    res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  });
  // Reading, checking and validating a large body each hold the event loop for tens of
  // milliseconds: between them, requests waiting meanwhile (health checks, logins) are served.
  app.use(yieldAfterLargeBody);
  app.use(guardRequestShape);
  app.use(yieldAfterLargeBody);
  // Single evaluations that the controller would accept are answered here, without Nest's router,
  // guard and validation pipe; every other request goes on to the controller (direct-evaluation.ts).
  // Middleware that evaluations must pass through belongs above this line.
  const direct = directEvaluationCalls(app);
  if (direct) {
    app.use(directEvaluation(direct));
    installFrontDoor(app, direct, parseJson, securityHeaders);
  }
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();

  const schema = JSON.parse(jsonSchemaText()) as object;
  app.use('/api/schema/ruleset-v1.schema.json', (_req: Request, res: Response) => res.json(schema));

  const config = new DocumentBuilder()
    .setTitle('Shiyan social-assistance rules API')
    .setDescription(
      'Versioned rulesets of Shiyan social-assistance standards: drafting, four-eyes publishing and evaluation. Money and ratios are decimal strings; errors are RFC 9457 problem details.',
    )
    .setVersion('1')
    .addBearerAuth({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'opaque',
      description: 'A login access token or an API key',
    })
    .build();
  const document = SwaggerModule.createDocument(app as INestApplication, config);
  completeOpenApiDocument(document as unknown as Parameters<typeof completeOpenApiDocument>[0]);
  SwaggerModule.setup('api/docs', app as INestApplication, document, { jsonDocumentUrl: 'api/docs-json' });

  // The rule editor (editor/dist) at `/`; everything under /api stays the API's.
  serveEditor(app.getHttpAdapter().getInstance());
}

/** Creates the configured application (not yet listening). */
export async function createApp(env: Environment): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forEnvironment(env), {
    bodyParser: false,
    logger: env.quiet ? ['error'] : ['error', 'warn', 'log'],
  });
  configureApp(app, env);
  await app.init();
  return app;
}
