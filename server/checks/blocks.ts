import { BlockKind, Declaration, EthicsDecl, Property, StudyDecl } from '../model/ast';
import { StudyModel } from '../model/model';
import { PropertySpec, propertySpecsOf } from '../model/schema';

export interface Block {
  kind: BlockKind;
  node: StudyDecl | Declaration | EthicsDecl;
  properties: Property[];
  /** each property's spec, by position; undefined for a key the block does not know */
  specs: (PropertySpec | undefined)[];
  file: string;
}

const blocksCache = new WeakMap<StudyModel, readonly Block[]>();

function blockOf(kind: BlockKind, node: Block['node']): Block {
  const properties = node.properties;
  const known = propertySpecsOf(kind);
  const specs = new Array<PropertySpec | undefined>(properties.length);
  for (let i = 0; i < properties.length; i++) specs[i] = known.get(properties[i].key.text);
  return { kind, node, properties, specs, file: node.file };
}

/**
 * Every block with properties in the model's files: the study, its declarations and its ethics
 * blocks, each property's spec looked up once. Listed once per model, as several rules walk them.
 */
export function blocksOf(model: StudyModel): readonly Block[] {
  const cached = blocksCache.get(model);
  if (cached) return cached;
  const blocks: Block[] = [];
  const study = model.study;
  if (study) {
    blocks.push(blockOf('study', study));
    for (const ethics of study.ethics) blocks.push(blockOf('ethics', ethics));
  }
  for (const declaration of model.declarations) blocks.push(blockOf(declaration.kind, declaration));
  blocksCache.set(model, blocks);
  return blocks;
}
