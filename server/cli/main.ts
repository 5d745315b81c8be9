import * as fs from 'fs';
import * as path from 'path';
import { lintFiles } from '../checks/lint';
import { diskHost } from '../common/diskHost';
import { ownValue } from '../common/lookup';
import { packageVersion } from '../common/package';
import { Program } from '../model/program';
import { collectStudyFiles, neighbouringStudies, UnreadablePathError } from './files';
import { countFindings, Format, formatJson, formatSarif, formatStylish, FORMATS } from './formats';
import { CliIo, EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, parseArgs, UsageError } from './io';

export type { CliIo } from './io';

// The generators (and docx, exceljs) load only for `generate` and `help`: lint starts faster.
const loadGenerate = (): Promise<typeof import('./generate.js')> => import('./generate.js');

/** The entry of `generate all`'s worker thread (server/generate/helper.ts), in the bundle too. */
export async function runGenerateHelper(): Promise<void> {
  return (await loadGenerate()).runGenerateHelper();
}

const helpText = (KINDS: readonly string[]): string => `Usage: studyspec <command> [options]

Commands:
  lint [files or folders...]      Check studies (folders are searched for *.study; default: .)
    --format stylish|json|sarif   Output format (default: stylish)
    --max-warnings N              Fail when there are more than N warnings
    -o, --output FILE             Write the report to FILE instead of stdout
  generate KIND STUDY [-o PATH] [--format F] [--force] [--strict]
                                  Write ${KINDS.slice(0, -1).join(', ')} or ${KINDS[KINDS.length - 1]}
  help                            Show this help
  --version                       Print the version

Exit codes: 0 clean, 1 errors (or warnings over --max-warnings), 2 bad usage or unreadable path.
`;

function lintCommand(args: string[], io: CliIo): number {
  const { options, positionals } = parseArgs(args, ['--format', '--max-warnings', '-o', '--output'], []);
  const format = (options.get('--format') ?? 'stylish') as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`unknown format '${format}': use ${FORMATS.join(', ')}`);
  let maxWarnings = Infinity;
  if (options.has('--max-warnings')) {
    const raw = options.get('--max-warnings') ?? '';
    if (!/^\d+$/.test(raw)) throw new UsageError(`--max-warnings takes a whole number, not '${raw}'`);
    maxWarnings = Number(raw);
  }
  const files = collectStudyFiles(positionals.length > 0 ? positionals : ['.'], io.cwd);
  const program = new Program(diskHost);
  const findings = lintFiles(program, files, neighbouringStudies(files));
  const report =
    format === 'json'
      ? formatJson(findings, io.cwd)
      : format === 'sarif'
        ? formatSarif(findings, io.cwd, packageVersion())
        : formatStylish(findings, io.cwd, io.isTTY === true && !options.has('-o') && !options.has('--output'));
  const output = options.get('-o') ?? options.get('--output');
  if (output) fs.writeFileSync(path.resolve(io.cwd, output), report);
  else io.stdout(report);
  if (files.length === 0) io.stderr('studyspec: no .study files found\n');
  const counts = countFindings(findings);
  return counts.error > 0 || counts.warning > maxWarnings ? EXIT_PROBLEMS : EXIT_OK;
}

export type Command = (args: string[], io: CliIo) => number | Promise<number>;

export const COMMANDS: Record<string, Command> = {
  lint: lintCommand,
  generate: async (args, io) => (await loadGenerate()).generateCommand(args, io),
};

/** Runs the CLI; returns the exit code and never throws. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (!command || command === 'help' || command === '--help' || command === '-h') {
      io.stdout(helpText((await loadGenerate()).KINDS));
      return command ? EXIT_OK : EXIT_USAGE;
    }
    if (command === '--version' || command === '-v') {
      io.stdout(`${packageVersion()}\n`);
      return EXIT_OK;
    }
    const handler = ownValue(COMMANDS, command);
    if (!handler) throw new UsageError(`unknown command '${command}'`);
    return await handler(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`studyspec: ${error.message}\nRun 'studyspec help' for usage.\n`);
      return EXIT_USAGE;
    }
    if (error instanceof UnreadablePathError) {
      io.stderr(`studyspec: ${error.message}\n`);
      return EXIT_USAGE;
    }
    io.stderr(`studyspec: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT_USAGE;
  }
}
