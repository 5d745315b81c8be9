/**
 * Drafted opening questions, for a question that gives no `ask_staff`/`ask_service_user`: an
 * open question built from the label of a touchpoint (or of a service), in the participant's
 * words where the label allows it. A draft is marked as one wherever it is printed; the
 * researcher is expected to edit it (the hint `participant-question-missing` inserts it).
 *
 * Labels are read in three shapes, falling back to a plain question that works for any label:
 * - a clause whose subject names actors: "Patient completes and submits the online form" is
 *   asked of patients as "Can you talk me through what happens when you complete and submit
 *   the online form?", and of others with the subject kept ("… when the patient completes …");
 * - a passive: "Crisis plan agreed and recorded" becomes "Can you tell me about the last time
 *   the crisis plan was agreed and recorded?";
 * - a service named by what people do ("Getting help from the practice"): "Can you tell me what
 *   getting help from the practice is like for you?".
 */
import { ActorDecl } from './ast';

const CONNECTIVES = new Set(['and', 'or', '&']);
const ARTICLES = new Set(['the', 'a', 'an', 'their', 'his', 'her', 'your', 'our', 'this']);
/** past participles that do not end in -ed */
const PARTICIPLES = new Set([
  'written',
  'sent',
  'held',
  'given',
  'made',
  'done',
  'seen',
  'taken',
  'told',
  'kept',
  'paid',
  'found',
  'brought',
  'built',
  'chosen',
  'drawn',
  'run',
  'set',
  'put',
  'read',
  'met',
  'shown',
  'known',
  'begun',
  'agreed',
]);
/** Singular, lower-case form of a word, for matching actor names ("Officers" matches `contact_officer`). */
function stem(word: string): string {
  const lower = word.toLowerCase();
  if (/ies$/.test(lower) && lower.length > 4) return `${lower.slice(0, -3)}y`;
  if (/[^s]s$/.test(lower) && lower.length > 3) return lower.slice(0, -1);
  return lower;
}

/** The words that name an actor: its identifier's parts ("recovery", "worker"). */
function actorWords(actor: ActorDecl): string[] {
  let words = wordsOfName.get(actor.name.text);
  if (!words) {
    if (wordsOfName.size >= NAME_CACHE_LIMIT) wordsOfName.clear();
    wordsOfName.set(actor.name.text, (words = actor.name.text.split(/_+/).filter(Boolean).map(stem)));
  }
  return words;
}

/** Actor words by name: each actor's name is read for every step and guide it appears in. */
const wordsOfName = new Map<string, string[]>();
const NAME_CACHE_LIMIT = 10_000;

/** A verb in the third person made plain: "completes" → "complete", "finishes" → "finish", "carries" → "carry". */
function baseForm(verb: string): string {
  if (/ies$/.test(verb)) return `${verb.slice(0, -3)}y`;
  if (/(sh|ch|x|ss|zz)es$/.test(verb)) return verb.slice(0, -2);
  if (/[^s]s$/.test(verb)) return verb.slice(0, -1);
  return verb;
}

/** A label as it reads inside a sentence: first letter lower-cased unless it reads as a name ("NHS App"). */
function lowerFirst(text: string): string {
  return /^[A-Z]{2}/.test(text) ? text : text.charAt(0).toLowerCase() + text.slice(1);
}

/** The label's main clause: before a semicolon, without a closing full stop. */
function mainClause(label: string): string {
  return label
    .split(/;/)[0]
    .trim()
    .replace(/[.!?]+$/, '');
}

interface Subject {
  /** the subject's conjuncts, each a list of words */
  parts: string[][];
  /** the connective before each conjunct after the first ("and", "or") */
  joins: string[];
  /** the index of the first word after the subject */
  end: number;
}

/**
 * The subject of a clause, when the label opens with words that name the touchpoint's actors.
 * A conjunct after "and"/"or" that names no actor ("or occupational therapist") runs to the
 * first word ending in -s, read as the verb.
 */
function actorSubject(words: string[], actors: readonly ActorDecl[]): Subject | undefined {
  const known = new Set(actors.flatMap(actorWords));
  const parts: string[][] = [[]];
  const joins: string[] = [];
  let absorbing = false;
  let i = words[0] && /^the$/i.test(words[0]) ? 1 : 0;
  for (; i < words.length; i++) {
    const word = words[i];
    const current = parts[parts.length - 1];
    if (CONNECTIVES.has(word.toLowerCase()) && current.length > 0) {
      parts.push([]);
      joins.push(word.toLowerCase());
      absorbing = false;
      continue;
    }
    if (known.has(stem(word)) && !absorbing) current.push(word);
    else if (parts.length > 1 && (current.length === 0 || absorbing) && current.length < 3 && !/s$/.test(word)) {
      current.push(word);
      absorbing = true;
    } else break;
  }
  if (parts[0].length === 0 || parts[parts.length - 1].length === 0 || i >= words.length) return undefined;
  return { parts, joins, end: i };
}

/** Whether one conjunct of a subject names one of the participants ("worker" names `recovery_worker`). */
function namesParticipant(part: string[], participants: readonly ActorDecl[]): boolean {
  const words = part.map(stem);
  return participants.some((actor) => {
    const own = actorWords(actor);
    return words.every((w) => own.includes(w)) || own.every((w) => words.includes(w));
  });
}

/** "the service user", "the worker", "the GP", from a conjunct as written. */
function withArticle(part: string[]): string {
  return `the ${part.map((w) => (w.length > 1 && w === w.toUpperCase() ? w : w.toLowerCase())).join(' ')}`;
}

/**
 * The verbs of a predicate made plain, for "you": the first word, and a word ending in -s right
 * after "and"/"or" when what came before the connective was a verb too or a singular noun
 * ("joins the room and checks camera"; not "letters and texts").
 */
function plainVerbs(rest: string[]): string[] {
  const verbs = new Set<number>();
  return rest.map((word, i) => {
    const afterConnective = i >= 2 && CONNECTIVES.has(rest[i - 1].toLowerCase()) && (verbs.has(i - 2) || !/s$/.test(rest[i - 2]));
    if ((i === 0 || afterConnective) && /^[a-z]+s$/.test(word)) {
      verbs.add(i);
      return baseForm(word);
    }
    return word;
  });
}

/** A clause with an actor subject, asked so that the participant is "you" where they are the subject. */
function fromClause(words: string[], subject: Subject, participants: readonly ActorDecl[]): string {
  const mine = subject.parts.filter((p) => namesParticipant(p, participants));
  const rest = words.slice(subject.end);
  if (mine.length === 0) {
    const others = subject.parts.map((p, i) => (i === 0 ? withArticle(p) : `${subject.joins[i - 1]} ${withArticle(p)}`)).join(' ');
    return `Can you talk me through what happens when ${others} ${rest.join(' ')}?`;
  }
  // the participant is (one of) the subject: "you", with the others named when they act together ("and")
  const together = subject.joins.every((j) => j !== 'or');
  const others = together ? subject.parts.filter((p) => !mine.includes(p)).map(withArticle) : [];
  return `Can you talk me through what happens when ${['you', ...others].join(' and ')} ${plainVerbs(rest).join(' ')}?`;
}

/** "Crisis plan agreed and recorded" → "the crisis plan was agreed and recorded"; undefined for other shapes. */
function fromPassive(words: string[]): string | undefined {
  const auxiliary = words.findIndex((w, i) => i > 0 && /^(is|are)$/i.test(w));
  let subjectEnd = auxiliary;
  let copula = '';
  if (auxiliary > 0) copula = words[auxiliary].toLowerCase() === 'is' ? 'was' : 'were';
  else {
    subjectEnd = words.findIndex((w, i) => i > 0 && i <= 5 && (/^[a-z]+ed$/.test(w) || PARTICIPLES.has(w)));
    if (subjectEnd <= 0) return undefined;
    const noun = words.slice(0, subjectEnd);
    const plural = noun.some((w) => CONNECTIVES.has(w.toLowerCase())) || /[^s]s$/.test(noun[noun.length - 1]);
    copula = plural ? 'were' : 'was';
  }
  const noun = words.slice(0, subjectEnd).join(' ');
  const phrase = ARTICLES.has(words[0].toLowerCase()) ? lowerFirst(noun) : `the ${lowerFirst(noun)}`;
  const rest = words.slice(auxiliary > 0 ? auxiliary + 1 : subjectEnd).join(' ');
  return `Can you tell me about the last time ${phrase} ${copula} ${rest}?`;
}

/**
 * The drafted opening question about a touchpoint, for a guide whose participants are
 * `participants`; `actors` are the touchpoint's.
 */
export function draftFromTouchpoint(label: string, actors: readonly ActorDecl[], participants: readonly ActorDecl[]): string {
  // a draft reads only the label and the actors' names; the editor re-checks the same steps on every edit.
  // Looked up by label, then name by name (no key string is made for a lookup)
  let node = drafts.get(label);
  if (!node) {
    if (drafts.size >= DRAFT_CACHE_LIMIT) drafts.clear();
    drafts.set(label, (node = {}));
  }
  for (let i = 0; i < actors.length; i++) node = nextDraftNode(node, actors[i].name.text);
  node = nextDraftNode(node, LISTS_APART);
  for (let i = 0; i < participants.length; i++) node = nextDraftNode(node, participants[i].name.text);
  return (node.draft ??= draftTouchpoint(label, actors, participants));
}

/** Drafts kept across checks: by label, then by each actor's name and each participant's, in order. */
interface DraftNode {
  draft?: string;
  next?: Map<string, DraftNode>;
}

const drafts = new Map<string, DraftNode>();
const DRAFT_CACHE_LIMIT = 20_000;
/** Between the actors' names and the participants' (no name holds it). */
const LISTS_APART = '\0';

function nextDraftNode(node: DraftNode, name: string): DraftNode {
  const next = (node.next ??= new Map());
  let found = next.get(name);
  if (!found) next.set(name, (found = {}));
  return found;
}

function draftTouchpoint(label: string, actors: readonly ActorDecl[], participants: readonly ActorDecl[]): string {
  const clause = mainClause(label);
  const words = clause.split(/\s+/).filter(Boolean);
  if (words.length === 0) return 'Can you tell me about this part of the service, and what it was like for you?';
  const subject = actorSubject(words, actors);
  if (subject) return fromClause(words, subject, participants);
  const passive = fromPassive(words);
  if (passive) return passive;
  // a clause with some other subject ("Practice reviews and triages the request"), or a noun phrase ("Clinic visit")
  const article = ARTICLES.has(words[0].toLowerCase()) ? '' : 'the ';
  if (/^\S+(\s+\S+){0,3}\s+[a-z]+s\s+(the|a|an|their|to|with|on|for|by)\b/.test(clause)) return `Can you talk me through what happens when ${article}${lowerFirst(clause)}?`;
  return `Can you tell me about ${article}${lowerFirst(clause)}, and what it was like?`;
}

/** The drafted opening question about a whole service, from its label. */
export function draftFromService(label: string): string {
  const clause = lowerFirst(mainClause(label));
  if (!clause) return 'Can you tell me about the service, and what it is like for you?';
  if (/^[a-z]+ing\b/.test(clause)) return `Can you tell me what ${clause} is like for you?`;
  return `Can you tell me about ${ARTICLES.has(clause.split(/\s+/)[0]) ? '' : 'the '}${clause}, and what it is like for you?`;
}
