/**
 * `studyspec generate KIND STUDY [-o PATH] [--format F] [--force] [--strict]`
 *
 * KIND is a kind of server/generate/kinds.ts — protocol (md, html, docx), guides (md, html,
 * docx; one per interview or focus-group method), matrix (md, csv, html), blueprint (svg),
 * codebook (qdc, md, html, docx, csv), chart (xlsx, csv), json — or all. The format is --format,
 * else -o's extension, else the kind's first. Without -o one document goes to stdout (several
 * guides are joined; DOCX and XLSX need -o; the chart prints its CSV). With -o a file or a folder (`all`, and guides in a folder, write
 * `<id>.<format>` per document). Nothing is overwritten without --force, and
 * every target is checked before any is written. A study with errors still generates, its gaps
 * marked; --strict refuses instead. Exit codes: 0 written, 1 refused under --strict, 2 bad
 * usage, an unreadable study, or a file in the way.
 */
import * as fs from 'fs';
import * as path from 'path';
import { configuredModel, lintModel } from '../checks/lint';
import { diskHost } from '../common/diskHost';
import { DOCUMENT_KINDS, documentKind, DocumentKind, exportDocuments, formatOfPath, FORMATS, isBinaryFormat, KIND_OUTPUT_FORMATS, KindId, OutputFormat, renderCombined } from '../generate';
import { loadWorkbookWriter } from '../generate/chart';
import { Helper, runHelper, startHelper } from '../generate/helper';
import { cannotJoin, isFolder, nothingToWrite, planKinds, wantsHelper } from '../generate/output';
import { StudyModel } from '../model/model';
import { Program } from '../model/program';
import { collectStudyFiles } from './files';
import { displayPath, formatStylish } from './formats';
import { CliIo, EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, parseArgs, UsageError } from './io';

export const KINDS: readonly string[] = [...DOCUMENT_KINDS.map((kind) => kind.id), 'all'];

/** The format asked for, checked against the kind and against -o's extension. */
function chooseFormat(kind: DocumentKind | 'all', requested: string | undefined, output: string | undefined, outputIsFolder: boolean): OutputFormat | undefined {
  if (requested !== undefined && !(KIND_OUTPUT_FORMATS as readonly string[]).includes(requested)) throw new UsageError(`unknown format '${requested}': use ${KIND_OUTPUT_FORMATS.join(', ')}`);
  if (kind === 'all') {
    if (requested) throw new UsageError('generate all writes every format; leave out --format');
    return undefined;
  }
  const fromPath = output && !outputIsFolder ? formatOfPath(output) : undefined;
  if (requested && fromPath && requested !== fromPath) throw new UsageError(`--format ${requested} does not match the extension of '${output}'`);
  if (output && !outputIsFolder && !requested && !fromPath) throw new UsageError(`cannot tell the format from '${output}': add --format (${kind.formats.join(', ')})`);
  // stdout takes text: a kind whose first format is binary (chart: xlsx) prints its first text format (csv)
  const forStdout = output === undefined ? kind.formats.find((f) => !isBinaryFormat(f)) : undefined;
  const format = (requested ?? fromPath ?? forStdout ?? kind.formats[0]) as OutputFormat;
  if (!kind.formats.includes(format)) throw new UsageError(`${kind.id} comes as ${kind.formats.join(', ')}, not ${format}`);
  return format;
}

export async function generateCommand(args: string[], io: CliIo): Promise<number> {
  const { options, positionals } = parseArgs(args, ['-o', '--output', '--format'], ['--force', '--strict']);
  const [kindArg, studyArg, ...extra] = positionals;
  if (!kindArg || !studyArg) throw new UsageError(`generate needs a kind and a study: studyspec generate ${KINDS.join('|')} STUDY`);
  const kind = kindArg === 'all' ? 'all' : documentKind(kindArg);
  if (!kind) throw new UsageError(`unknown kind '${kindArg}': use ${KINDS.join(', ')}`);
  if (extra.length > 0) throw new UsageError(`generate takes one study; unexpected '${extra[0]}'`);
  const output = options.get('-o') ?? options.get('--output');
  // a trailing slash says "a folder", even one that does not exist yet
  const target = output === undefined ? undefined : path.resolve(io.cwd, output) + (/[\\/]$/.test(output) ? path.sep : '');
  const targetIsFolder = target !== undefined && (kind === 'all' || isFolder(target));
  const format = chooseFormat(kind, options.get('--format'), output, targetIsFolder);

  const studyPath = path.resolve(io.cwd, studyArg);
  if (fs.existsSync(studyPath) && fs.statSync(studyPath).isDirectory()) throw new UsageError(`'${studyArg}' is a folder; give the .study file to generate from`);
  const [file] = collectStudyFiles([studyArg], io.cwd);
  const program = new Program(diskHost);
  const model = configuredModel(program, file);
  if (!model) throw new UsageError(`cannot read '${studyArg}'`);
  if (!model.study) throw new UsageError(`'${studyArg}' is a fragment (it has no study block); generate from the study that imports it`);

  // `all` on a large study: the helper thread reads the study and loads exceljs while this one lints
  // (this file in out/, the CLI's bundle in dist/: both export runGenerateHelper)
  const helper = kind === 'all' && target !== undefined && wantsHelper(model) ? startHelper(__filename, model.root.path) : undefined;
  try {
    return await generateFrom(program, model, { kind, format, target, helper, force: options.has('--force'), strict: options.has('--strict') }, io);
  } finally {
    helper?.stop();
  }
}

interface Generation {
  kind: DocumentKind | 'all';
  format: OutputFormat | undefined;
  target: string | undefined;
  helper: Helper | undefined;
  force: boolean;
  strict: boolean;
}

async function generateFrom(program: Program, model: StudyModel, { kind, format, target, helper, force, strict }: Generation, io: CliIo): Promise<number> {
  const linted = lintModel(program, model);
  const findings = linted.findings;
  const errors = findings.filter((f) => f.severity === 'error');
  if (errors.length > 0) {
    if (strict) {
      io.stderr(`studyspec: --strict: nothing generated, because the study has ${errors.length} error${errors.length === 1 ? '' : 's'}:\n\n${formatStylish(errors, io.cwd)}`);
      return EXIT_PROBLEMS;
    }
    io.stderr(`studyspec: the study has ${errors.length} error${errors.length === 1 ? '' : 's'}; the documents mark the gaps with ⚠ (use --strict to refuse instead)\n`);
  }

  const documents = kind === 'all' ? [] : kind.build(model, findings);
  if (kind !== 'all' && kind.perGroup && documents.length === 0) {
    io.stderr(`studyspec: ${nothingToWrite(kind)}\n`);
    return EXIT_OK;
  }

  if (target === undefined) {
    if (kind === 'all') throw new UsageError('generate all writes several files: give a folder with -o DIR');
    const chosen = format ?? kind.formats[0];
    if (isBinaryFormat(chosen)) {
      const name = FORMATS[chosen].name;
      throw new UsageError(
        documents.length > 1
          ? `the study has several ${kind.perGroup?.many ?? 'documents'}, and ${name} files cannot be joined on stdout: give a folder with -o DIR`
          : `a ${name} file is binary: write it with -o FILE.${chosen}`,
      );
    }
    const content = await renderCombined(model, documents, chosen);
    if (typeof content !== 'string') throw new UsageError(`${cannotJoin(kind, documents.length, chosen)} on stdout: give a folder with -o DIR`);
    io.stdout(content);
    return EXIT_OK;
  }

  const result = await exportDocuments(model, findings, {
    kind: kind === 'all' ? 'all' : (kind.id as KindId),
    format,
    target,
    force,
    inputs: linted.config.file ? [linted.config.file] : [],
    helper,
  });
  if (result.existing) {
    const names = result.existing.map((f) => `'${displayPath(f, io.cwd)}'`).join(', ');
    io.stderr(
      `studyspec: ${result.existing.length === 1 ? `${names} already exists` : `these files already exist: ${names}`}; nothing was written. Use --force to replace ${result.existing.length === 1 ? 'it' : 'them'}.\n`,
    );
    return EXIT_USAGE;
  }
  if (result.error) {
    io.stderr(`studyspec: ${result.error}\n`);
    return EXIT_USAGE;
  }
  io.stdout(result.files.map((f) => `Wrote ${displayPath(f, io.cwd)}\n`).join(''));
  return EXIT_OK;
}

/** What a worker thread started by `generate all` runs: it renders some of the kinds (server/generate/helper.ts). */
export function runGenerateHelper(): Promise<void> {
  return runHelper(planKinds, loadWorkbookWriter);
}
