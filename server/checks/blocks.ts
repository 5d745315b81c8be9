import { BlockKind, Declaration, EthicsDecl, Property, StudyDecl } from '../model/ast';
import { StudyModel } from '../model/model';

export interface Block {
  kind: BlockKind;
  node: StudyDecl | Declaration | EthicsDecl;
  properties: Property[];
  file: string;
}

const blocksCache = new WeakMap<StudyModel, readonly Block[]>();

/**
 * Every block with properties in the model's files: the study, its declarations and its ethics
 * blocks. Listed once per model, as several rules walk them.
 */
export function blocksOf(model: StudyModel): readonly Block[] {
  const cached = blocksCache.get(model);
  if (cached) return cached;
  const blocks: Block[] = [];
  const study = model.study;
  if (study) {
    blocks.push({ kind: 'study', node: study, properties: study.properties, file: study.file });
    for (const ethics of study.ethics) blocks.push({ kind: 'ethics', node: ethics, properties: ethics.properties, file: ethics.file });
  }
  for (const declaration of model.declarations) blocks.push({ kind: declaration.kind, node: declaration, properties: declaration.properties, file: declaration.file });
  blocksCache.set(model, blocks);
  return blocks;
}
