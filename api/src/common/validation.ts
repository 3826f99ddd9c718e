import { Transform } from 'class-transformer';
import {
  BadRequestException,
  ValidationPipe,
  type ArgumentMetadata,
  type ValidationError,
} from '@nestjs/common';
import { applyDecorators } from '@nestjs/common';
import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';
import { Matches, registerDecorator, type ValidationOptions } from 'class-validator';
import { isCalendarDate } from '../engine/expression/dates';
import type { FieldProblem } from '../engine';
import { DATE_RANGE, FIELD_LIMITS, MAX_REQUEST_PROBLEMS } from './field-limits';

/**
 * What is wrong with a date the API is given, or null: it must be written YYYY-MM-DD, be a real
 * calendar date (`2019-02-30` is not one) and lie inside DATE_RANGE (so every date the API accepts
 * fits a PostgreSQL `date`).
 */
export function dateProblem(value: unknown): string | null {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value))
    return 'must be a date written YYYY-MM-DD, such as "2019-06-30"';
  if (!isCalendarDate(value)) return `is not a calendar date: ${value} does not exist`;
  if (value < DATE_RANGE.min || value > DATE_RANGE.max)
    return `must be a date from ${DATE_RANGE.min} to ${DATE_RANGE.max}`;
  return null;
}

/** A calendar date written YYYY-MM-DD inside DATE_RANGE, documented in OpenAPI. */
export function IsIsoDate(options: ApiPropertyOptions = {}): PropertyDecorator {
  return applyDecorators(
    ApiProperty({
      type: String,
      format: 'date',
      example: '2019-06-30',
      description: `a date from ${DATE_RANGE.min} to ${DATE_RANGE.max}`,
      ...options,
    } as ApiPropertyOptions),
    (target: object, propertyName: string | symbol) =>
      registerDecorator({
        name: 'isIsoDate',
        target: target.constructor,
        propertyName: String(propertyName),
        validator: {
          validate: (value: unknown) => typeof value === 'string' && dateProblem(value) === null,
          defaultMessage: (args) => dateProblem(args?.value) ?? '',
        },
      }),
  );
}

/** A version label: letters, digits, `.` and `-`, at most FIELD_LIMITS.versionLabel characters. */
export const VERSION_LABEL = new RegExp(`^[0-9A-Za-z][0-9A-Za-z.-]{0,${FIELD_LIMITS.versionLabel - 1}}$`);

/** A version label such as "2021" or "2017-10". */
export function IsVersionLabel(options: ValidationOptions = {}): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ type: String, example: '2021', pattern: VERSION_LABEL.source }),
    Matches(VERSION_LABEL, {
      message: 'must be a version label such as "2021" (letters, digits, . and -)',
      ...options,
    }),
  );
}

/** Flattens class-validator errors into problems with JSON Pointers (`/households/0`). */
export function validationProblems(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const path = `${prefix}/${error.property.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    const own = Object.entries(error.constraints ?? {}).map(([constraint, message]) => ({
      path,
      message:
        constraint === 'whitelistValidation'
          ? 'is not a known field'
          : message.replace(new RegExp(`^${error.property} `), ''),
    }));
    return [...own, ...validationProblems(error.children ?? [], path)];
  });
}

/** The request body did not match its DTO; every bad field is named. */
export class RequestValidationError extends BadRequestException {
  /** At most MAX_REQUEST_PROBLEMS problems, then one that counts the rest. */
  readonly errors: FieldProblem[];

  constructor(errors: FieldProblem[]) {
    super(`The request has ${errors.length} invalid field${errors.length === 1 ? '' : 's'}`);
    this.errors =
      errors.length <= MAX_REQUEST_PROBLEMS
        ? errors
        : [
            ...errors.slice(0, MAX_REQUEST_PROBLEMS),
            { path: '', message: `and ${errors.length - MAX_REQUEST_PROBLEMS} more invalid fields` },
          ];
  }
}

/**
 * Request bodies known to be plain JSON free of inherited names: read by the JSON parser (so without
 * sparse arrays, binary values or accessors) and walked whole by the shape check, which found no
 * `__proto__`, `constructor` or `prototype` field at any depth and no top-level field named like a
 * property of every object (`toString`). Weak: a body is forgotten with its request.
 */
const PLAIN_JSON_BODIES = new WeakSet<object>();

/**
 * Records that `body` is plain JSON free of inherited names (see {@link isPlainJsonBody}); only the
 * shape check (request-guards.ts), after walking every field of a parsed body, may say so.
 */
export function markPlainJsonBody(body: object): void {
  PLAIN_JSON_BODIES.add(body);
}

/**
 * True when `value` is a request body the shape check found to be plain JSON free of inherited
 * names: the validation pipe then skips what cannot change it (closing array gaps, stripping
 * prototype keys, looking for inherited names), walks that cost tens of microseconds on a small
 * body and milliseconds on a batch of 1000 households.
 */
export function isPlainJsonBody(value: unknown): boolean {
  return typeof value === 'object' && value !== null && PLAIN_JSON_BODIES.has(value);
}

/** Field names refused at any depth: Nest strips them before validating (see {@link inheritedNameProblems}). */
export const STRIPPED_FIELD_NAMES: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Field names the validation pipe would not report: class-validator's whitelist cannot see names
 * that exist on every object (`toString` at the top level), and Nest strips `__proto__`,
 * `constructor` and `prototype` at any depth before validating, in the body itself (so a household
 * read as sent would lose them silently). They are refused instead.
 */
function inheritedNameProblems(value: unknown): FieldProblem[] {
  const problems: FieldProblem[] = [];
  // Paths are written only for a problem: this walks every body on the event loop (a check of a
  // document padded with 150,000 array items held every other request for 0.2 s when each had one).
  type Item = { value: object; parent: Item | null; key: string };
  const pathOf = (item: Item | null, key: string): string => {
    const parts = [key];
    for (let i = item; i?.parent; i = i.parent) parts.push(i.key);
    return parts
      .reverse()
      .map((k) => `/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`)
      .join('');
  };
  if (typeof value !== 'object' || value === null) return problems;
  const stack: Item[] = [{ value, parent: null, key: '' }];
  while (stack.length > 0) {
    const item = stack.pop() as Item;
    const top = item.parent === null;
    if (Array.isArray(item.value)) {
      const items = item.value as unknown[];
      for (let i = 0; i < items.length; i++) {
        const child = items[i];
        if (typeof child === 'object' && child !== null)
          stack.push({ value: child, parent: item, key: String(i) });
      }
      continue;
    }
    for (const key of Object.keys(item.value)) {
      const stripped = STRIPPED_FIELD_NAMES.has(key);
      if (stripped || (top && key in Object.prototype)) {
        problems.push({ path: pathOf(item, key), message: 'is not a known field' });
        continue;
      }
      const child = (item.value as Record<string, unknown>)[key];
      if (typeof child === 'object' && child !== null) stack.push({ value: child, parent: item, key });
    }
  }
  return problems.sort((a, b) => (a.path < b.path ? -1 : 1));
}

/**
 * ValidationPipe that also refuses `constructor`, `toString`, `prototype`… as unknown fields. A body
 * the shape check found plain (see {@link isPlainJsonBody}) skips the walks that cannot change it.
 */
class RequestValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const inherited =
      metadata.metatype && metadata.type !== 'custom' && !isPlainJsonBody(value)
        ? inheritedNameProblems(value)
        : [];
    let result: unknown;
    try {
      result = await super.transform(value, metadata);
    } catch (e) {
      if (e instanceof RequestValidationError && inherited.length > 0)
        throw new RequestValidationError([...inherited, ...e.errors]);
      throw e;
    }
    if (inherited.length > 0) throw new RequestValidationError(inherited);
    return result;
  }

  /** JSON has no sparse arrays: nothing to close in a parsed body. */
  protected override closeArrayGaps(value: unknown): void {
    if (!isPlainJsonBody(value)) super.closeArrayGaps(value);
  }

  /** A plain body has no `__proto__`, `constructor` or `prototype` field to strip. */
  protected override stripProtoKeys(value: unknown): void {
    if (!isPlainJsonBody(value)) super.stripProtoKeys(value);
  }
}

/** The one validation pipe: unknown fields refused, every bad field reported at once. */
export function createValidationPipe(): ValidationPipe {
  return new RequestValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => new RequestValidationError(validationProblems(errors)),
  });
}

/**
 * Reads a query parameter written as a whole number of at most 15 digits into that number, exactly;
 * anything else (`2.9999999999999999999`, `1e2`, 16 digits or more) is left as text, so that `@IsInt`
 * refuses it rather than a rounded number being used.
 * @example class Query { @QueryInteger() @IsInt() limit?: number }
 */
export function QueryInteger(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && /^[0-9]{1,15}$/.test(value) ? Number(value) : value,
  );
}
