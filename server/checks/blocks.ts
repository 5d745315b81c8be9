import { BlockKind, Declaration, EthicsDecl, Property, StudyDecl } from '../model/ast';
import { keepWithView, keptWithView, keySpecsOf } from '../model/keys';
import { StudyModel } from '../model/model';
import { PropertySpec } from '../model/schema';
import { Report } from './rule';

export interface Block {
  kind: BlockKind;
  node: StudyDecl | Declaration | EthicsDecl;
  properties: Property[];
  /** each property's spec, by position; undefined for a key the block does not know */
  specs: readonly (PropertySpec | undefined)[];
  file: string;
}

/** What a rule that reads one block at a time reports for a block, from that block alone. */
export type BlockCheck = (block: Block) => readonly Report[];

/** A block with what each block check has reported for it so far, by the check's slot. */
interface CheckedBlock extends Block {
  reports: (readonly Report[] | undefined)[];
}

const blocksCache = new WeakMap<StudyModel, readonly Block[]>();

/**
 * Each node's block, kept with its view: a node's text does not change after parsing (the editor's
 * re-parse moves its ranges in place, and reports hold those ranges), and a model made after an
 * edit holds most of the previous model's nodes, whose reports then carry over.
 */
const BLOCK = Symbol('block');

function blockOf(kind: BlockKind, node: Block['node']): CheckedBlock {
  let block = keptWithView<CheckedBlock>(node, BLOCK);
  if (!block) keepWithView(node, BLOCK, (block = { kind, node, properties: node.properties, specs: keySpecsOf(node), file: node.file, reports: [] }));
  return block;
}

/** Calls `visit` with each block of the model in turn, made (or found) just before. */
function eachBlock(model: StudyModel, visit: (block: CheckedBlock) => void): void {
  const study = model.study;
  if (study) {
    visit(blockOf('study', study));
    for (const ethics of study.ethics) visit(blockOf('ethics', ethics));
  }
  const declarations = model.declarations;
  for (let i = 0; i < declarations.length; i++) visit(blockOf(declarations[i].kind, declarations[i]));
}

/**
 * Every block with properties in the model's files: the study, its declarations and its ethics
 * blocks, each property's spec looked up once. Listed once per model, as several rules walk them.
 */
export function blocksOf(model: StudyModel): readonly Block[] {
  let blocks = blocksCache.get(model);
  if (!blocks) {
    const list: Block[] = [];
    eachBlock(model, (block) => list.push(block));
    blocksCache.set(model, (blocks = list));
  }
  return blocks;
}

/** Each block check's slot in a block's reports. */
const slots = new Map<BlockCheck, number>();

/**
 * The reports of block checks over the model's blocks, one list per check: worked out block by
 * block in one walk (a block's view and all its checks while it is at hand, as the blocks do
 * not fit in the processor's caches), and for a block the previous model held, taken from what
 * was reported for it then.
 */
export function blockReports(model: StudyModel, checks: readonly BlockCheck[]): Report[][] {
  const lists = checks.map((): Report[] => []);
  const checkSlots = checks.map((check) => {
    let slot = slots.get(check);
    if (slot === undefined) slots.set(check, (slot = slots.size));
    return slot;
  });
  eachBlock(model, (block) => {
    for (let c = 0; c < checks.length; c++) {
      let reports = block.reports[checkSlots[c]];
      if (!reports) block.reports[checkSlots[c]] = reports = checks[c](block);
      for (let r = 0; r < reports.length; r++) lists[c].push(reports[r]);
    }
  });
  return lists;
}

/** A block check's answer for a block with nothing to report (shared: do not change it). */
export const NO_REPORTS: readonly Report[] = Object.freeze([]);
