/**
 * Generated documents as files: which formats each kind comes in, what the files are called,
 * rendering to text or bytes, and writing them safely (every target checked before any is
 * written; each written to a temporary file in the same folder, then renamed into place).
 *
 * `generate all` writes, into one folder:
 *   protocol.md  protocol.html  protocol.docx
 *   guide-<method>.md  guide-<method>.html  guide-<method>.docx   (one set per interview or focus-group method)
 *   matrix.md  matrix.csv  matrix.html
 *   blueprint.svg
 *   study.json
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { Finding } from '../common/finding';
import { StudyModel } from '../model/model';
import { renderBlueprintSvg } from './blueprint';
import { Doc } from './doc';
import { renderDocx } from './docx';
import { buildGuides, guidedMethods, guideId } from './guides';
import { HtmlOptions, renderHtmlPage } from './html';
import { exportStudyJson } from './json';
import { concatMarkdown, renderMarkdown } from './markdown';
import { buildMatrix, matrixCsv } from './matrix';
import { buildProtocol } from './protocol';
import { draftNote } from './describe';

export const GENERATE_KINDS = ['protocol', 'guides', 'matrix', 'blueprint', 'json'] as const;
export type GenerateKind = (typeof GENERATE_KINDS)[number];
export type OutputFormat = 'md' | 'html' | 'docx' | 'csv' | 'svg' | 'json';

/** The formats of each kind, the default first. */
export const KIND_FORMATS: Record<GenerateKind, readonly OutputFormat[]> = {
  protocol: ['md', 'html', 'docx'],
  guides: ['md', 'html', 'docx'],
  matrix: ['md', 'csv', 'html'],
  blueprint: ['svg'],
  json: ['json'],
};

/** What a file's extension says about its format. */
export function formatOfPath(file: string): OutputFormat | undefined {
  const ext = path.extname(file).toLowerCase();
  const formats: Record<string, OutputFormat> = { '.md': 'md', '.markdown': 'md', '.html': 'html', '.htm': 'html', '.docx': 'docx', '.csv': 'csv', '.svg': 'svg', '.json': 'json' };
  return formats[ext];
}

export interface OutputFile {
  /** the file name `generate all` gives it, e.g. "guide-staff_interviews.docx" */
  name: string;
  format: OutputFormat;
  content: string | Buffer;
}

/** The documents of a kind that go through the document model, by file stem. */
function docsOf(model: StudyModel, findings: Finding[], kind: 'protocol' | 'guides' | 'matrix'): { id: string; doc: Doc }[] {
  if (kind === 'protocol') return [{ id: 'protocol', doc: buildProtocol(model, draftNote(findings, true)) }];
  if (kind === 'matrix') return [{ id: 'matrix', doc: buildMatrix(model, draftNote(findings, false)) }];
  return buildGuides(model, draftNote(findings, false)).map(({ method, doc }) => ({ id: guideId(method), doc }));
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

/** Every file of one kind in one format: one per guide for `guides`, one otherwise. */
export async function renderKind(model: StudyModel, findings: Finding[], kind: GenerateKind, format: OutputFormat): Promise<OutputFile[]> {
  if (!KIND_FORMATS[kind].includes(format)) throw new Error(`${kind} does not come as ${format}`);
  if (kind === 'blueprint') return [{ name: 'blueprint.svg', format, content: renderBlueprintSvg(model) }];
  if (kind === 'json') return [{ name: 'study.json', format, content: `${JSON.stringify(exportStudyJson(model), null, 2)}\n` }];
  if (kind === 'matrix' && format === 'csv') return [{ name: 'matrix.csv', format, content: matrixCsv(model) }];
  const files: OutputFile[] = [];
  for (const { id, doc } of docsOf(model, findings, kind)) files.push({ name: `${id}.${format}`, format, content: await renderDoc(model, doc, format) });
  return files;
}

/** Everything `generate all` writes, with the names in the module comment. */
export async function renderAll(model: StudyModel, findings: Finding[]): Promise<OutputFile[]> {
  const files: OutputFile[] = [];
  for (const kind of GENERATE_KINDS) for (const format of KIND_FORMATS[kind]) files.push(...(await renderKind(model, findings, kind, format)));
  return files;
}

/**
 * One kind as one text, for stdout or a single file: several guides are joined (Markdown with
 * a thematic break, HTML as one page); undefined when they cannot be (DOCX).
 */
export async function renderCombined(model: StudyModel, findings: Finding[], kind: GenerateKind, format: OutputFormat): Promise<string | Buffer | undefined> {
  if (kind !== 'guides') return (await renderKind(model, findings, kind, format))[0]?.content;
  const docs = docsOf(model, findings, kind).map((d) => d.doc);
  if (docs.length === 1) return renderDoc(model, docs[0], format);
  if (format === 'md') return concatMarkdown(docs.map(renderMarkdown));
  if (format === 'html') return renderHtmlPage(docs, exportHtmlOptions(model));
  return undefined;
}

export class ExistingFilesError extends Error {
  constructor(readonly files: string[]) {
    super(files.length === 1 ? `'${files[0]}' already exists` : `${files.length} files already exist: ${files.map((f) => `'${f}'`).join(', ')}`);
  }
}

/**
 * Writes files atomically. Unless `force`, stops before writing anything when any target
 * exists (ExistingFilesError names them). Folders are created as needed. Returns the paths.
 */
/** Excel reads a CSV file as the local code page unless it starts with a UTF-8 byte-order mark. */
function withByteOrderMark(filePath: string, content: string | Buffer): string | Buffer {
  return filePath.endsWith('.csv') && typeof content === 'string' && !content.startsWith('\uFEFF') ? `\uFEFF${content}` : content;
}

export async function writeFiles(files: { path: string; content: string | Buffer }[], force: boolean): Promise<string[]> {
  if (!force) {
    const existing = files.map((f) => f.path).filter((p) => fs.existsSync(p));
    if (existing.length > 0) throw new ExistingFilesError(existing);
  }
  for (const file of files) {
    await fs.promises.mkdir(path.dirname(file.path), { recursive: true });
    const temp = path.join(path.dirname(file.path), `.${path.basename(file.path)}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`);
    try {
      await fs.promises.writeFile(temp, withByteOrderMark(file.path, file.content));
      await fs.promises.rename(temp, file.path);
    } catch (error) {
      await fs.promises.rm(temp, { force: true });
      throw error;
    }
  }
  return files.map((f) => f.path);
}

export const NO_GUIDES = 'The study has no interview or focus-group method, so there is no guide to write';

export interface ExportRequest {
  kind: GenerateKind | 'all';
  /** defaults to the target's extension, then to the kind's first format */
  format?: OutputFormat;
  /** a file for one document; a folder for `all`, for guides when there are several, or when it is an existing folder or ends in a slash */
  target: string;
  force: boolean;
}

export interface ExportResult {
  files: string[];
  error?: string;
  /** set when the error is that targets exist (and `force` was off) */
  existing?: string[];
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
  const into = async (folder: string, files: OutputFile[]): Promise<string[]> => writeFiles(files.map((f) => ({ path: path.join(folder, f.name), content: f.content })), force);
  try {
    if (kind === 'all') {
      if (request.format) return { files: [], error: '`all` writes every format; leave the format out' };
      if (fs.existsSync(target) && !fs.statSync(target).isDirectory()) return { files: [], error: `'${target}' is a file; \`all\` needs a folder` };
      return { files: await into(target, await renderAll(model, findings)) };
    }
    const folder = isFolder(target);
    const format = request.format ?? (folder ? undefined : formatOfPath(target)) ?? KIND_FORMATS[kind][0];
    if (!KIND_FORMATS[kind].includes(format)) return { files: [], error: `${kind} comes as ${KIND_FORMATS[kind].join(', ')}, not ${format}` };
    if (folder) return { files: await into(target, await renderKind(model, findings, kind, format)) };
    const guides = guidedMethods(model).length;
    if (kind === 'guides' && guides === 0) return { files: [], error: NO_GUIDES };
    const combined = await renderCombined(model, findings, kind, format);
    if (combined === undefined) return { files: [], error: `The study has ${guides} guides, and Word files cannot be joined: give a folder to write one file per guide` };
    return { files: await writeFiles([{ path: target, content: combined }], force) };
  } catch (error) {
    if (error instanceof ExistingFilesError) return { files: [], error: error.message, existing: error.files };
    return { files: [], error: error instanceof Error ? error.message : String(error) };
  }
}
