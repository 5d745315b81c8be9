/**
 * Generated documents as files: which formats each kind comes in, what the files are called,
 * rendering to text or bytes, and writing them safely (every target checked before any is
 * written; each written to a temporary file in the same folder, then renamed into place).
 *
 * `generate all` writes, into one folder, every kind of ./kinds in each of its formats, one file
 * `<id>.<format>` per document: protocol.md, guide-<method>.docx (one per interview or
 * focus-group method), matrix.csv, blueprint.svg, study.json...
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { Finding } from '../common/finding';
import { StudyModel } from '../model/model';
import { Doc } from './doc';
import { renderDocx } from './docx';
import { HtmlOptions, renderHtmlPage } from './html';
import { BuiltDocument, DOCUMENT_KINDS, documentKind, DocumentKind, FORMATS, KindId, OutputFormat } from './kinds';
import { concatMarkdown, renderMarkdown } from './markdown';
import { Helper, HELPER_FROM_BYTES, planWithHelper } from './helper';
import { tempWriter } from './tempWriter';

/** What a file's extension says about its format. */
export function formatOfPath(file: string): OutputFormat | undefined {
  const ext = path.extname(file).toLowerCase();
  return (Object.keys(FORMATS) as OutputFormat[]).find((format) => (FORMATS[format].extensions as readonly string[]).includes(ext));
}

export interface OutputFile {
  /** the file name `generate all` gives it, e.g. "guide-staff_interviews.docx" */
  name: string;
  format: OutputFormat;
  content: string | Buffer;
}

/** `data-file` in exported HTML is relative to the study's folder, so no one's home folder ends up in a shared file. */
function exportHtmlOptions(model: StudyModel): HtmlOptions {
  const folder = path.dirname(model.root.path);
  return { sourceFile: (file) => path.relative(folder, file).split(path.sep).join('/') };
}

async function renderDoc(model: StudyModel, doc: Doc, format: OutputFormat): Promise<string | Buffer> {
  if (format === 'docx') return renderDocx(doc);
  if (format === 'html') return renderHtmlPage(doc, exportHtmlOptions(model));
  return renderMarkdown(doc);
}

async function renderDocument(model: StudyModel, document: BuiltDocument, format: OutputFormat): Promise<string | Buffer> {
  const own = document.render?.[format];
  if (own) return own();
  if (document.svg !== undefined && format === 'svg') return document.svg;
  if (document.json !== undefined && format === 'json') return `${JSON.stringify(document.json, null, 2)}\n`;
  if (document.doc && (format === 'md' || format === 'html' || format === 'docx')) return renderDoc(model, document.doc, format);
  throw new Error(`${document.id} does not come as ${format}`);
}

const ALL_KINDS: readonly string[] = DOCUMENT_KINDS.map((kind) => kind.id);

function kindById(id: string): DocumentKind {
  const kind = documentKind(id);
  if (!kind) throw new Error(`unknown document kind '${id}'`);
  return kind;
}

/** A file to write, named before it is rendered: the targets are checked before anything is rendered, and each is written as soon as it is. */
export interface PlannedFile {
  name: string;
  format: OutputFormat;
  content: () => Promise<string | Buffer>;
}

function planDocuments(model: StudyModel, kind: DocumentKind, documents: BuiltDocument[], format: OutputFormat): PlannedFile[] {
  if (!kind.formats.includes(format)) throw new Error(`${kind.id} does not come as ${format}`);
  return documents.map((document) => ({ name: `${document.id}.${format}`, format, content: () => renderDocument(model, document, format) }));
}

/** A kind's one document (a kind without `perGroup`), which its stem names. */
function onlyDocument(kind: DocumentKind, documents: BuiltDocument[]): BuiltDocument {
  if (documents.length !== 1 || documents[0].id !== kind.stem) throw new Error(`${kind.id} writes one document, ${kind.stem}`);
  return documents[0];
}

/**
 * The files of some kinds (all by default): each kind built, in every format, named
 * `<id>.<format>`. `lazily`: a kind of one document is built when its first file is rendered.
 */
export function planKinds(model: StudyModel, findings: Finding[], kinds: readonly string[] = ALL_KINDS, lazily = false): PlannedFile[] {
  return (DOCUMENT_KINDS as readonly DocumentKind[])
    .filter((kind) => kinds.includes(kind.id))
    .flatMap((kind) => {
      if (lazily && !kind.perGroup) {
        let built: BuiltDocument | undefined;
        const document = () => (built ??= onlyDocument(kind, kind.build(model, findings)));
        return kind.formats.map((format) => ({ name: `${kind.stem}.${format}`, format, content: () => renderDocument(model, document(), format) }));
      }
      const documents = kind.build(model, findings);
      return kind.formats.flatMap((format) => planDocuments(model, kind, documents, format));
    });
}

async function rendered(planned: PlannedFile[]): Promise<OutputFile[]> {
  const files: OutputFile[] = [];
  for (const { name, format, content } of planned) files.push({ name, format, content: await content() });
  return files;
}

export async function renderDocuments(model: StudyModel, kind: DocumentKind, documents: BuiltDocument[], format: OutputFormat): Promise<OutputFile[]> {
  return rendered(planDocuments(model, kind, documents, format));
}

/** Every file of one kind in one format: one per document (one per guide for `guides`). */
export async function renderKind(model: StudyModel, findings: Finding[], kindId: KindId, format: OutputFormat): Promise<OutputFile[]> {
  const kind = kindById(kindId);
  return renderDocuments(model, kind, kind.build(model, findings), format);
}

/** Everything `generate all` writes: every kind in every format, named `<id>.<format>`. */
export async function renderAll(model: StudyModel, findings: Finding[]): Promise<OutputFile[]> {
  return rendered(planKinds(model, findings));
}

/**
 * Documents of a kind as one text, for stdout or a single file: several are joined (Markdown
 * with a thematic break, HTML as one page); undefined when they cannot be (DOCX, or none).
 */
export async function renderCombined(model: StudyModel, documents: BuiltDocument[], format: OutputFormat): Promise<string | Buffer | undefined> {
  if (documents.length === 1) return renderDocument(model, documents[0], format);
  const docs = documents.map((d) => d.doc).filter((doc): doc is Doc => doc !== undefined);
  if (docs.length !== documents.length || docs.length === 0) return undefined;
  if (format === 'md') return concatMarkdown(docs.map(renderMarkdown));
  if (format === 'html') return renderHtmlPage(docs, exportHtmlOptions(model));
  return undefined;
}

/** Why a per-group kind has nothing to write, e.g. "The study has no interview or focus-group method, so there is no guide to write". */
export function nothingToWrite(kind: DocumentKind): string {
  return kind.perGroup ? `${kind.perGroup.none}, so there is no ${kind.perGroup.one} to write` : `There is no ${kind.id} to write`;
}

/** Why several documents of a kind cannot go into one file. */
export function cannotJoin(kind: DocumentKind, count: number, format: OutputFormat): string {
  return `The study has ${count} ${kind.perGroup?.many ?? 'documents'}, and ${FORMATS[format].name} files cannot be joined`;
}

export class ExistingFilesError extends Error {
  constructor(readonly files: string[]) {
    super(files.length === 1 ? `'${files[0]}' already exists` : `${files.length} files already exist: ${files.map((f) => `'${f}'`).join(', ')}`);
  }
}

/** Excel reads a CSV file as the local code page unless it starts with a UTF-8 byte-order mark. */
function withByteOrderMark(filePath: string, content: string | Buffer): string | Buffer {
  return filePath.endsWith('.csv') && typeof content === 'string' && !content.startsWith('\uFEFF') ? `\uFEFF${content}` : content;
}

/** A path with its folders' links resolved, so two spellings of one file compare equal. */
function realPathOf(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    try {
      return path.join(fs.realpathSync(path.dirname(file)), path.basename(file));
    } catch {
      return path.resolve(file);
    }
  }
}

function reasonOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC') return 'the disk is full';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EROFS') return 'the disk is read-only';
  return error instanceof Error ? error.message : String(error);
}

/** A target as found on disk: its real path (a link's target resolved) and what is there, if anything. */
interface Target {
  real: string;
  stat: fs.Stats | undefined;
  /** the target is a symbolic link (`stat` is what it points to) */
  link?: boolean;
}

function statOf(file: string, follow: boolean): fs.Stats | undefined {
  try {
    return follow ? fs.statSync(file) : fs.lstatSync(file);
  } catch {
    return undefined;
  }
}

/** One lstat per target; the real path of each folder is worked out once (a study's 3,900 files are in one). */
function inspectTarget(file: string, realFolders: Map<string, string>): Target {
  const stat = statOf(file, false);
  if (stat?.isSymbolicLink()) return { real: realPathOf(file), stat: statOf(file, true), link: true };
  const folder = path.dirname(file);
  let real = realFolders.get(folder);
  if (real === undefined) realFolders.set(folder, (real = realPathOf(folder)));
  return { real: path.join(real, path.basename(file)), stat };
}

/** Removes a temporary, if it is there: cleaning up after a failure must not fail too (a name too long to create is too long to remove). */
function removeQuietly(temp: string): void {
  try {
    fs.rmSync(temp, { force: true });
  } catch {
    // it was never written
  }
}

/** Why a target cannot be written even with `force`, or undefined. */
function refusalOf(target: string, found: Target, inputs: Set<string>): string | undefined {
  if (inputs.has(found.real)) return `'${target}' is one of the study's own files (the study, a fragment it imports, a framework file or the configuration), and generate never writes over those`;
  const { stat } = found;
  if (!stat) return undefined;
  if (stat.isDirectory()) return `'${target}' is a folder`;
  if (!stat.isFile()) return `'${target}' is not a regular file`;
  // mode bits, not access(): root may write anything, and a read-only file is still meant to stay
  if ((stat.mode & 0o222) === 0) return `'${target}' is read-only (make it writable to replace it)`;
  return undefined;
}

/**
 * Writes a set of files all or nothing. Every target is checked first: one of `inputs`, a
 * folder, or a read-only file is refused (with `force` too; nothing is chmodded); an existing
 * file is refused unless `force` (ExistingFilesError names them). Then every file is written to
 * a temporary beside its target (a content given as a function is rendered only then, and
 * written while the next is rendered), and only when all are written are they renamed into
 * place; on a failure the temporaries are removed and the error names the file. A file that holds
 * the same bytes already is left as it is (no temporary, no rename). Returns the paths.
 */
export async function writeFiles(files: { path: string; content: string | Buffer | (() => Promise<string | Buffer>) }[], force: boolean, inputs: Iterable<string> = []): Promise<string[]> {
  const protectedPaths = new Set([...inputs].map(realPathOf));
  const realFolders = new Map<string, string>();
  const found = files.map((f) => inspectTarget(f.path, realFolders));
  const refusals = files.map((f, i) => refusalOf(f.path, found[i], protectedPaths)).filter((r): r is string => r !== undefined);
  if (refusals.length > 0) throw new Error(`${refusals.join('; ')}. Nothing was written.`);
  if (!force) {
    const existing = files.filter((_, i) => found[i].stat !== undefined).map((f) => f.path);
    if (existing.length > 0) throw new ExistingFilesError(existing);
  }
  const token = `${process.pid}.${crypto.randomBytes(4).toString('hex')}`;
  const temps = files.map((file, i) => ({ temp: path.join(path.dirname(file.path), `.${path.basename(file.path)}.${token}.${i}.tmp`), target: file.path }));
  const removeTemps = () => temps.forEach(({ temp }) => removeQuietly(temp));
  const failed = (index: number, error: unknown) => new Error(`Could not write '${files[index].path}': ${reasonOf(error)}. Nothing was written.`);
  const writer = tempWriter(files.length);
  const folders = new Set<string>();
  try {
    for (const [i, file] of files.entries()) {
      const folder = path.dirname(file.path);
      try {
        if (!folders.has(folder)) fs.mkdirSync(folder, { recursive: true });
      } catch (error) {
        throw failed(i, error);
      }
      folders.add(folder);
      // a content rendered for this write is held by nothing else: its bytes may move to the writing thread
      const rendered = typeof file.content === 'function';
      const content = typeof file.content === 'function' ? await file.content() : file.content;
      const { stat, link } = found[i];
      writer.write(temps[i].temp, withByteOrderMark(file.path, content), rendered, stat?.isFile() && !link ? { path: file.path, size: stat.size } : undefined);
    }
  } catch (error) {
    await writer.finish();
    removeTemps();
    throw error;
  }
  const { failed: failure, unchanged } = await writer.finish();
  if (failure) {
    removeTemps();
    throw failed(failure.index, failure.error);
  }
  let replaced = 0;
  for (let i = 0; i < temps.length; i++) {
    if (unchanged.has(i)) continue;
    try {
      fs.renameSync(temps[i].temp, temps[i].target);
      replaced++;
    } catch (error) {
      temps.slice(i).forEach(({ temp }) => removeQuietly(temp));
      throw new Error(`Could not write '${temps[i].target}': ${reasonOf(error)}. ${replaced} of ${temps.length - unchanged.size} files were replaced.`);
    }
  }
  return files.map((f) => f.path);
}

export interface ExportRequest {
  kind: KindId | 'all';
  /** defaults to the target's extension, then to the kind's first format */
  format?: OutputFormat;
  /** a file for one document; a folder for `all`, for guides when there are several, or when it is an existing folder or ends in a slash */
  target: string;
  force: boolean;
  /** more files never to write over (the configuration) */
  inputs?: string[];
  /** for `all` on a large study: a module exporting `runGenerateHelper` (./helper), run on a worker thread to render some of the kinds, or such a thread started already (`startHelper`) */
  helper?: string | Helper;
}

export interface ExportResult {
  files: string[];
  error?: string;
  /** set when the error is that targets exist (and `force` was off) */
  existing?: string[];
}

/** A study large enough for `all` to be worth a helper thread. */
export function wantsHelper(model: StudyModel): boolean {
  return model.files.reduce((n, f) => n + f.text.length, 0) >= HELPER_FROM_BYTES;
}

/** A path names a folder when it ends in a slash or is an existing folder. */
export function isFolder(target: string): boolean {
  return /[\\/]$/.test(target) || (fs.existsSync(target) && fs.statSync(target).isDirectory());
}

/**
 * Renders and writes one kind (or all) to a file or folder. Errors come back as text, as the
 * editor's export request wants them; nothing is written when any target exists and `force` is off.
 */
export async function exportDocuments(model: StudyModel, findings: Finding[], request: ExportRequest): Promise<ExportResult> {
  const { kind, target, force } = request;
  // the study, its fragments and every framework file it can see are never written over
  const inputs = [
    ...model.files.map((f) => f.path),
    ...[...model.frameworks.values()].map((f) => f.file),
    ...model.selections.flatMap((s) => (s.load && 'file' in s.load ? [s.load.file] : [])),
    ...(request.inputs ?? []),
  ];
  const into = async (folder: string, files: { name: string; content: () => Promise<string | Buffer> }[]): Promise<string[]> =>
    writeFiles(
      files.map((f) => ({ path: path.join(folder, f.name), content: f.content })),
      force,
      inputs,
    );
  try {
    if (kind === 'all') {
      if (request.format) return { files: [], error: '`all` writes every format; leave the format out' };
      if (fs.existsSync(target) && !fs.statSync(target).isDirectory()) return { files: [], error: `'${target}' is a file; \`all\` needs a folder` };
      if (!request.helper || (typeof request.helper === 'string' && !wantsHelper(model))) return { files: await into(target, planKinds(model, findings)) };
      const plan = await planWithHelper(request.helper, model, findings, planKinds, ALL_KINDS);
      try {
        return { files: await into(target, plan.files) };
      } finally {
        // a target in the way: the helper's files are not wanted
        plan.stop();
      }
    }
    const document = documentKind(kind);
    if (!document) return { files: [], error: `unknown document kind '${kind}'` };
    const folder = isFolder(target);
    const format = request.format ?? (folder ? undefined : formatOfPath(target)) ?? document.formats[0];
    if (!document.formats.includes(format)) return { files: [], error: `${kind} comes as ${document.formats.join(', ')}, not ${format}` };
    const documents = document.build(model, findings);
    if (folder) return { files: await into(target, planDocuments(model, document, documents, format)) };
    if (document.perGroup && documents.length === 0) return { files: [], error: nothingToWrite(document) };
    const combined = await renderCombined(model, documents, format);
    if (combined === undefined) return { files: [], error: `${cannotJoin(document, documents.length, format)}: give a folder to write one file per ${document.perGroup?.one ?? 'document'}` };
    return { files: await writeFiles([{ path: target, content: combined }], force, inputs) };
  } catch (error) {
    if (error instanceof ExistingFilesError) return { files: [], error: error.message, existing: error.files };
    return { files: [], error: error instanceof Error ? error.message : String(error) };
  }
}
