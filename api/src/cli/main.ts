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

/** One command: what it runs, its synopsis, what it does (zh, then en) and its options. */
interface Command {
  run: (options: CliOptions) => Promise<number>;
  synopsis: string;
  summary: string;
  options?: readonly string[];
}

const RULESETS_OPTION =
  '--rulesets DIR    读取另一个规则集目录 / read rulesets from DIR instead of rulesets/';

const COMMANDS: Record<string, Command> = {
  rulesets: {
    run: rulesetsCommand,
    synopsis: 'rulesets',
    summary: '列出规则集、辖区和版本 / the rulesets, their jurisdictions and versions',
  },
  parameters: {
    run: parametersCommand,
    synopsis: 'parameters --ruleset K --as-of D --jurisdiction J [--version V]',
    summary: '某地某日的全部参数(公式已计算)/ every parameter resolved for a place and date',
    options: [
      '--ruleset K       规则集 / ruleset key, such as shiyan-social-assistance',
      '--as-of D         日期 / the date, YYYY-MM-DD: the version in force then',
      '--jurisdiction J  辖区代码 / jurisdiction code, such as 420325',
      '--version V       指定版本 / this version instead of the one in force',
    ],
  },
  evaluate: {
    run: evaluateCommand,
    synopsis: 'evaluate --ruleset K --as-of D --input FILE.jsonl|- [--version V] [--lang zh|en] [--stats]',
    summary:
      '每行一户,逐行给出认定结果;空行跳过;任何一行失败则退出码为 1 / one determination per household line, in order; blank lines are skipped; exit code 1 when any line failed',
    options: [
      '--ruleset K       规则集 / ruleset key',
      '--as-of D         日期 / the date, YYYY-MM-DD',
      '--input FILE      JSON Lines 文件,- 为标准输入 / a JSON Lines file, - for stdin',
      '--version V       指定版本 / this version instead of the one in force',
      '--lang zh|en      说明的语言(默认中文)/ the language of explanations (default zh)',
      '--stats           在 stderr 输出计数和耗时 / counts and timing on stderr',
    ],
  },
  validate: {
    run: validateCommand,
    synopsis: 'validate FILE|DIR',
    summary:
      '检查格式、表达式、政策约束和内置测试;无效时退出码为 1 / schema, expressions, constraints and embedded tests; exit code 1 when invalid',
  },
  test: {
    run: testCommand,
    synopsis: 'test [DIR]',
    summary:
      "运行每个版本的内置测试;有失败时退出码为 1 / run every version's embedded tests; exit code 1 on a failure",
  },
  diff: {
    run: diffCommand,
    synopsis: 'diff KEY A B',
    summary: '版本 A 到 B 的变化 / what changed from version A to B',
  },
  demo: { run: demoCommand, synopsis: 'demo', summary: '初次了解 / a first look' },
};

function usage(): string {
  return [
    'usage: rules <command> [options]    (rules <command> --help: 该命令的选项 / its options)',
    '',
    ...Object.values(COMMANDS).flatMap((c) => [`  ${c.synopsis}`, `      ${c.summary}`]),
    '',
    `every command: ${RULESETS_OPTION}`,
    '',
  ].join('\n');
}

function commandHelp(name: string, command: Command): string {
  return [
    `usage: rules ${command.synopsis} [--rulesets DIR]`,
    '',
    `  ${command.summary}`,
    '',
    'options:',
    ...[...(command.options ?? []), RULESETS_OPTION, '--help            本说明 / this help'].map(
      (o) => `  ${o}`,
    ),
    '',
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--help' || name === '-h' || name === 'help') {
    const about = rest[0] ? COMMANDS[rest[0]] : undefined;
    process.stdout.write(about && rest[0] ? commandHelp(rest[0], about) : usage());
    return 0;
  }
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    process.stderr.write(name ? `unknown command '${name}'\n${usage()}` : usage());
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(commandHelp(name!, command));
    return 0;
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
        lang: { type: 'string' },
      },
    });
    return await command.run({ values, positionals });
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`rules ${name}: ${(e as Error).message}\n${commandHelp(name!, command)}`);
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

// A reader that stops early (`rules evaluate … | head -1`) closes the pipe: end quietly, as the
// reader asked, instead of failing on the next write.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  process.stderr.write(`rules: cannot write the output: ${e.message}\n`);
  process.exit(1);
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`rules: unexpected failure: ${(e as Error).message}\n`);
    process.exitCode = 1;
  },
);
