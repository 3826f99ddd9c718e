/**
 * The `rules` command-line tool for analysts: `npm run -s rules -- <command>`. Plain JSON on
 * stdout, diagnostics on stderr.
 */
import { parseArgs } from 'node:util';
import { InvalidRulesetError, NoVersionInForceError } from '../engine';
import { UsageError, type CliOptions } from './cli-context';
import { demoCommand } from './commands/demo.command';
import { diffCommand } from './commands/diff.command';
import { evaluateCommand } from './commands/evaluate.command';
import { parametersCommand } from './commands/parameters.command';
import { rulesetsCommand } from './commands/rulesets.command';
import { testCommand } from './commands/test.command';
import { validateCommand } from './commands/validate.command';

const COMMANDS: Record<string, { run: (options: CliOptions) => Promise<number>; usage: string }> = {
  rulesets: {
    run: rulesetsCommand,
    usage: 'rulesets                                   the rulesets, their jurisdictions and versions',
  },
  parameters: {
    run: parametersCommand,
    usage: 'parameters --ruleset K --as-of D --jurisdiction J [--version V]',
  },
  evaluate: {
    run: evaluateCommand,
    usage: 'evaluate --ruleset K --as-of D --input FILE.jsonl|- [--version V] [--stats]',
  },
  validate: {
    run: validateCommand,
    usage: 'validate FILE|DIR                           schema, expressions, constraints, tests',
  },
  test: {
    run: testCommand,
    usage: 'test [DIR]                                  run the embedded test cases',
  },
  diff: {
    run: diffCommand,
    usage: 'diff KEY A B                                what changed from version A to B',
  },
  demo: { run: demoCommand, usage: 'demo                                        a first look' },
};

function usage(): string {
  return `usage: rules <command> [options]   (options: --rulesets DIR to read another rulesets folder)\n${Object.values(
    COMMANDS,
  )
    .map((c) => `  ${c.usage}`)
    .join('\n')}\n`;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage());
    return 0;
  }
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    process.stderr.write(name ? `unknown command '${name}'\n${usage()}` : usage());
    return 2;
  }
  try {
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        ruleset: { type: 'string' },
        'as-of': { type: 'string' },
        jurisdiction: { type: 'string' },
        input: { type: 'string' },
        version: { type: 'string' },
        rulesets: { type: 'string' },
        stats: { type: 'boolean' },
      },
    });
    return await command.run({ values, positionals });
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`rules ${name}: ${(e as Error).message}\n${usage()}`);
      return 2;
    }
    if (e instanceof NoVersionInForceError) {
      process.stderr.write(`rules ${name}: ${e.message}\n`);
      return 1;
    }
    if (e instanceof InvalidRulesetError) {
      process.stderr.write(
        `rules ${name}: a ruleset file is invalid:\n${e.errors.map((p) => `  ${p.path}: ${p.message}`).join('\n')}\n`,
      );
      return 1;
    }
    throw e;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`rules: unexpected failure: ${(e as Error).message}\n`);
    process.exitCode = 1;
  },
);
