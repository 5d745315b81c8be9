/** What every CLI command shares: its input and output, usage errors, exit codes and argument parsing. */
export interface CliIo {
  cwd: string;
  stdout(text: string): void;
  stderr(text: string): void;
  isTTY?: boolean;
}

export class UsageError extends Error {}

export const EXIT_OK = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_USAGE = 2;

/** Parses `--flag value`, `--flag=value` and positionals. Unknown flags are usage errors. */
export function parseArgs(args: string[], valued: string[], flags: string[]): { options: Map<string, string>; positionals: string[] } {
  const options = new Map<string, string>();
  const positionals: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const [name, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (valued.includes(name)) {
      const value = inline ?? args[++i];
      if (value === undefined) throw new UsageError(`${name} needs a value`);
      options.set(name, value);
    } else if (flags.includes(name)) options.set(name, 'true');
    else throw new UsageError(`unknown option '${name}'`);
  }
  return { options, positionals };
}
