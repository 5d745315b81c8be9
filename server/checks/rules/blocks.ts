import { BlockKind, Declaration, EthicsDecl, Property, StudyDecl } from '../../model/ast';
import { StudyModel } from '../../model/model';

export interface Block {
  kind: BlockKind;
  node: StudyDecl | Declaration | EthicsDecl;
  properties: Property[];
  file: string;
}

/** Every block with properties in the model's files: the study, its declarations and its ethics blocks. */
export function* blocksOf(model: StudyModel): Generator<Block> {
  const study = model.study;
  if (study) {
    yield { kind: 'study', node: study, properties: study.properties, file: study.file };
    for (const ethics of study.ethics) yield { kind: 'ethics', node: ethics, properties: ethics.properties, file: ethics.file };
  }
  for (const declaration of model.declarations) yield { kind: declaration.kind, node: declaration, properties: declaration.properties, file: declaration.file };
}

export const BLOCK_NAMES: Record<BlockKind, string> = {
  study: 'a study',
  actor: 'an actor',
  tool: 'a tool',
  service: 'a service',
  touchpoint: 'a touchpoint',
  question: 'a question',
  method: 'a method',
  ethics: 'an ethics block',
};
