import { strict as assert } from 'assert';
import { SEMANTIC_TOKEN_MODIFIERS, SEMANTIC_TOKEN_TYPES, semanticTokens } from '../../server/features/semanticTokens';
import { SemanticToken } from '../../server/features/types';
import { fixtureOf } from '../support/featureFixture';
import { bigStudy, sampleStudies } from '../support/featureStudies';

const STUDY = `study s "S" {
  frameworks: npt
  actor patient: service_user "Patients"
  tool app "App"
  service booking {
    touchpoint request "Ask" {
      channel: digital
      via: app
      actors: patient
    }
  }
  question q "Q?" {
    about: request, nowhere
    perspective: both
    constructs: npt.coherence, npt.nothing
    methods: talks
  }
  method talks: interview "Talks" {
    participants: patient
  }
  exclude npt.reflexive_monitoring "Later"
  // studyspec-disable-next-line unused-method, not-a-rule
  method spare: survey { participants: patient }
  summary: """
    Two
    lines
    """
}
`;

function tokensOf(text: string, files: Record<string, string> = {}): { tokens: SemanticToken[]; text: string } {
  const fixture = fixtureOf(text, files);
  return { tokens: semanticTokens(fixture.file, fixture.model), text };
}

/** `type[+modifier…]` for each token whose text is `word`. */
function kindsOf(result: { tokens: SemanticToken[]; text: string }, word: string): string[] {
  const lines = result.text.split('\n');
  return result.tokens.filter((t) => lines[t.line].slice(t.character, t.character + t.length) === word).map((t) => [t.type, ...t.modifiers].join('+'));
}

describe('semantic tokens', () => {
  const result = tokensOf(STUDY);

  it('declarations carry the declaration modifier; references do not', () => {
    assert.deepEqual(kindsOf(result, 'request'), ['method+declaration', 'method']);
    assert.deepEqual(kindsOf(result, 'patient'), ['parameter+declaration', 'parameter', 'parameter', 'parameter']);
    assert.deepEqual(kindsOf(result, 'talks'), ['interface', 'interface+declaration']);
    assert.deepEqual(kindsOf(result, 'app'), ['struct+declaration', 'struct']);
    assert.deepEqual(kindsOf(result, 'booking'), ['class+declaration']);
    assert.deepEqual(kindsOf(result, 'q'), ['function+declaration']);
  });
  it('a built-in framework is a namespace, its constructs types, both from the default library', () => {
    assert.deepEqual(kindsOf(result, 'npt'), ['namespace+defaultLibrary', 'namespace+defaultLibrary', 'namespace+defaultLibrary']);
    assert.deepEqual(kindsOf(result, 'coherence'), ['type+defaultLibrary']);
    assert.deepEqual(kindsOf(result, 'reflexive_monitoring'), ['type+defaultLibrary']);
  });
  it('keys are properties; allowed values, roles and method kinds are enum members', () => {
    assert.ok(kindsOf(result, 'channel').every((k) => k === 'property'));
    assert.deepEqual(kindsOf(result, 'digital'), ['enumMember']);
    assert.deepEqual(kindsOf(result, 'both'), ['enumMember']);
    assert.deepEqual(kindsOf(result, 'service_user'), ['enumMember']);
    assert.deepEqual(kindsOf(result, 'interview'), ['enumMember']);
  });
  it('unresolved references get no token', () => {
    assert.deepEqual(kindsOf(result, 'nowhere'), []);
    assert.deepEqual(kindsOf(result, 'nothing'), []);
  });
  it('suppression comments: the directive and known rule ids', () => {
    assert.deepEqual(kindsOf(result, 'studyspec-disable-next-line'), ['decorator']);
    assert.deepEqual(kindsOf(result, 'unused-method'), ['macro']);
    assert.deepEqual(kindsOf(result, 'not-a-rule'), []);
  });
  it('every token is in the legend, on one line, sorted, and none overlap', () => {
    for (const sample of [...sampleStudies().map((s) => s.text), STUDY, bigStudy(600)]) {
      const { tokens, text } = tokensOf(sample);
      const lines = text.split('\n');
      assert.ok(tokens.length > 0);
      tokens.forEach((token, i) => {
        assert.ok((SEMANTIC_TOKEN_TYPES as readonly string[]).includes(token.type), token.type);
        for (const modifier of token.modifiers) assert.ok((SEMANTIC_TOKEN_MODIFIERS as readonly string[]).includes(modifier), modifier);
        assert.ok(token.length > 0 && token.character + token.length <= lines[token.line].length, `token beyond its line: ${JSON.stringify(token)}`);
        const previous = tokens[i - 1];
        if (previous) assert.ok(previous.line < token.line || previous.character + previous.length <= token.character, `unsorted or overlapping at ${JSON.stringify(token)}`);
      });
    }
  });
  it('in a fragment, references resolve through the importing study; without a model only names and keys', () => {
    const study = 'import "./main.study"\nstudy s {\n  frameworks: npt\n}\n';
    const fragment = tokensOf('actor a: staff "A"\nmethod m: interview { participants: a }\n', { 'study.study': study });
    assert.deepEqual(kindsOf(fragment, 'a'), ['parameter+declaration', 'parameter']);
    const fixture = fixtureOf(STUDY);
    const bare = semanticTokens(fixture.file, undefined);
    assert.ok(bare.some((t) => t.type === 'property'));
    assert.ok(!bare.some((t) => t.type === 'namespace'));
  });
});
