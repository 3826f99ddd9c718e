import { accessSync, constants, createReadStream } from 'node:fs';
import {
  determine,
  householdIdOf,
  LANGUAGES,
  reviewWarnings,
  withWarnings,
  type Language,
} from '../../engine';
import { isCalendarDate } from '../../engine/expression/dates';
import {
  catalogFor,
  chooseVersion,
  requireOption,
  UsageError,
  writeOut,
  type CliOptions,
} from '../cli-context';
import { engineProblem, internalProblem, malformedJsonProblem } from '../../common/problem-details';
import { utf8Lines } from '../utf8-lines';

function malformedJsonProblemForLine(lineNumber: number, error: unknown): object {
  const message = `line ${lineNumber} is not valid JSON: ${(error as Error).message}`;
  return malformedJsonProblem(message, message);
}

function invalidUtf8ProblemForLine(lineNumber: number, invalidByte: number): object {
  return malformedJsonProblem(
    `line ${lineNumber} is not UTF-8 text: byte ${invalidByte} of the line is not part of a UTF-8 character`,
    'is not UTF-8 text (save the file as UTF-8)',
  );
}

/** A date option checked as a real YYYY-MM-DD date. */
export function checkDate(text: string): string {
  if (!isCalendarDate(text))
    throw new UsageError(`--as-of must be a date written YYYY-MM-DD, such as 2019-06-30 (got '${text}')`);
  return text;
}

/** The `--lang` option: `zh` (the default) or `en`, the language of explanations. */
export function checkLanguage(text: unknown): Language {
  if (text === undefined) return 'zh';
  if (typeof text === 'string' && (LANGUAGES as readonly string[]).includes(text)) return text as Language;
  throw new UsageError(`--lang must be zh or en (got '${String(text)}')`);
}

/**
 * `rules evaluate --ruleset K --as-of D --input FILE.jsonl [--version V] [--lang en]`: one
 * determination per
 * household line, in order. A bad line gets its own problem object (with its line number in the
 * input); the others are still evaluated. Blank lines are skipped. Past the version's review date
 * each determination carries `warnings` (`past-review-date`). Lines are read and written one at a
 * time, so memory does not grow with the input.
 * @returns the exit code: 1 when any line could not be evaluated, else 0.
 */
export async function evaluateCommand(options: CliOptions): Promise<number> {
  const key = requireOption(options, 'ruleset', 'shiyan-social-assistance');
  const asOf = checkDate(requireOption(options, 'as-of', '2019-06-30'));
  const input = requireOption(options, 'input', 'households.jsonl');
  const language = checkLanguage(options.values['lang']);
  const version = chooseVersion(catalogFor(options, key), asOf, options);
  // Past the version's review date every determination says so (the same warning for every line).
  const warnings = reviewWarnings(version.document, asOf, language);

  if (input !== '-') {
    try {
      accessSync(input, constants.R_OK);
    } catch (e) {
      throw new UsageError(`cannot read --input ${input}: ${(e as Error).message}`);
    }
  }
  // Bytes, split and decoded line by line: a line that is not UTF-8 text is refused, not read with
  // its bad bytes replaced.
  const stream = input === '-' ? process.stdin : createReadStream(input);
  const started = performance.now();
  let households = 0;
  let failures = 0;
  for await (const inputLine of utf8Lines(stream)) {
    const lineNumber = inputLine.number;
    if ('invalidByte' in inputLine) {
      households++;
      failures++;
      await writeOut(
        `${JSON.stringify({ ...invalidUtf8ProblemForLine(lineNumber, inputLine.invalidByte), line: lineNumber })}\n`,
      );
      continue;
    }
    const line = inputLine.text;
    if (line.trim() === '') continue;
    households++;
    let output: unknown;
    let household: unknown;
    try {
      household = JSON.parse(line);
    } catch (e) {
      failures++;
      await writeOut(
        `${JSON.stringify({ ...malformedJsonProblemForLine(lineNumber, e), line: lineNumber })}\n`,
      );
      continue;
    }
    try {
      output = withWarnings(await determine(version, household, asOf, { language }), warnings);
    } catch (e) {
      failures++;
      const householdId = householdIdOf(household);
      output = {
        ...(engineProblem(e) ?? internalProblem()),
        line: lineNumber,
        ...(householdId === undefined ? {} : { householdId }),
      };
    }
    await writeOut(`${JSON.stringify(output)}\n`);
  }
  if (failures > 0)
    process.stderr.write(
      `${households} 户中有 ${failures} 户无法认定(见其问题对象)/ ${failures} of ${households} households could not be evaluated (see their problem objects)\n`,
    );
  if (options.values['stats'] === true) {
    const seconds = Number(((performance.now() - started) / 1000).toFixed(3));
    const maxRssBytes = process.resourceUsage().maxRSS * 1024;
    process.stderr.write(
      `${JSON.stringify({ stats: { lines: households, failures, seconds, maxRssBytes } })}\n`,
    );
  }
  return failures > 0 ? 1 : 0;
}
