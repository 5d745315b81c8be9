import { ActorDecl, ServiceDecl, ToolDecl, TouchpointDecl } from '../model/ast';
import { sideOfActor, targets } from '../model/analysis';
import { keysOf } from '../model/keys';
import { StudyModel } from '../model/model';
import { CHANNEL_STYLES, ChannelKey, channelKey, IconKind } from './svgChannels';
import { FontSpec, textWidth, wrapClamped } from './svgText';

/**
 * The service blueprint's layout, computed before any SVG is written: every box and every line
 * of text with its estimated extent, so tests can prove nothing overlaps and every line fits.
 * Rows follow Bitner, Ostrom & Morgan (2008): physical evidence (what the service user sees or
 * holds), service user actions, frontstage, the line of visibility, backstage, and support
 * processes (the digital tools).
 */

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Point {
  x: number;
  y: number;
}

export interface TextLine {
  text: string;
  /** the anchor point: left edge (start) or centre (middle) */
  x: number;
  /** the baseline */
  y: number;
  font: FontSpec;
  fill: string;
  anchor: 'start' | 'middle';
  italic?: boolean;
  /** the estimated ink box */
  box: Rect;
}

export type LaneId = 'evidence' | 'user' | 'frontstage' | 'backstage' | 'tools';
export type CardKind = 'touchpoint' | 'staff' | 'tool' | 'evidence';

export interface CardLayout {
  kind: CardKind;
  /** the touchpoint's or tool's name */
  key: string;
  lane: LaneId;
  box: Rect;
  channel: ChannelKey;
  lines: TextLine[];
  icons: { kind: IconKind; x: number; y: number; color: string; size: number }[];
  badge?: Rect;
  step?: { cx: number; cy: number; r: number };
  rules: { x1: number; x2: number; y: number }[];
}

export interface BandLayout {
  kind: 'service' | 'stage';
  box: Rect;
  lines: TextLine[];
  shade: number;
}

export interface LaneLayout {
  id: LaneId;
  box: Rect;
  /** the lane's title and caption, in the left gutter */
  lines: TextLine[];
  gutter: Rect;
}

export type DividerKind = 'interaction' | 'visibility' | 'internal';

export interface DividerLayout {
  kind: DividerKind;
  y: number;
  x1: number;
  x2: number;
  pill: Rect;
  label: TextLine;
}

export interface ConnectorLayout {
  kind: 'journey' | 'interaction' | 'support';
  points: Point[];
}

export type LegendKind = ChannelKey | 'journey' | 'staff' | DividerKind | 'support';

export interface LegendItemLayout {
  kind: LegendKind;
  swatch: Rect;
  label: TextLine;
}

export interface BlueprintLayout {
  width: number;
  height: number;
  title: string;
  description: string;
  /** title, subtitle, gutter captions and notes, each inside `frame` */
  texts: TextLine[];
  frame: Rect;
  bands: BandLayout[];
  lanes: LaneLayout[];
  dividers: DividerLayout[];
  cards: CardLayout[];
  connectors: ConnectorLayout[];
  legend: { box: Rect; title: TextLine; items: LegendItemLayout[] };
}

// Geometry (px): four to six touchpoints make 1000–1600 px, legible when scaled to a page.
const MARGIN = 28;
const GUTTER = 188;
const COL_W = 226;
const CARD_W = 198;
const SERVICE_GAP = 20;
const CARD_PAD = 11;
const LANE_PAD = 16;
const MIN_WIDTH = 980;

const INK = '#0f172a';
const MUTED = '#475569';
const FAINT = '#64748b';

export const FONTS = {
  title: { size: 22, weight: 700 },
  subtitle: { size: 13 },
  laneTitle: { size: 13.5, weight: 700 },
  caption: { size: 11.5 },
  service: { size: 12.5, weight: 600 },
  stage: { size: 13, weight: 700 },
  label: { size: 13.5, weight: 600 },
  name: { size: 11.5, family: 'mono' },
  small: { size: 12 },
  badge: { size: 10.5, weight: 700 },
  legend: { size: 12.5 },
} satisfies Record<string, FontSpec>;

const lineHeight = (font: FontSpec): number => Math.round(font.size * 1.32);

/** One line of text whose top (not baseline) is at `top`. */
function textLine(text: string, x: number, top: number, font: FontSpec, fill: string, anchor: 'start' | 'middle' = 'start', italic = false): TextLine {
  const width = textWidth(text, font);
  const baseline = top + font.size * 0.98;
  return { text, x, y: baseline, font, fill, anchor, italic, box: { x: anchor === 'middle' ? x - width / 2 : x, y: baseline - font.size * 0.86, width, height: font.size * 1.14 } };
}

/** Lays text out downwards from `y`, wrapping to `width`. */
class Column {
  readonly lines: TextLine[] = [];
  constructor(
    private readonly x: number,
    public y: number,
    private readonly width: number,
  ) {}

  add(text: string, font: FontSpec, fill: string, options: { indent?: number; maxLines?: number; italic?: boolean; anchor?: 'start' | 'middle' } = {}): TextLine[] {
    const indent = options.indent ?? 0;
    const anchor = options.anchor ?? 'start';
    const wrapped = wrapClamped(text, this.width - indent, font, options.maxLines ?? 12);
    const added: TextLine[] = [];
    const x = anchor === 'middle' ? this.x + this.width / 2 : this.x + indent;
    for (const line of wrapped) {
      added.push(textLine(line, x, this.y, font, fill, anchor, options.italic));
      this.y += lineHeight(font);
    }
    this.lines.push(...added);
    return added;
  }

  space(pixels: number): void {
    this.y += pixels;
  }
}

const humanize = (name: string): string => name.replace(/_+/g, ' ').trim();
/** Actors by their labels ("Registered mental-health professionals"), their names where they have none. */
const actorText = (actors: ActorDecl[]): string => actors.map((a) => a.label?.text.trim() || humanize(a.name.text)).join('; ');

/**
 * What the service user sees or holds at a touchpoint: its `evidence`, else each tool it runs
 * through with its platform ("Care pathway tool on an Android tablet"); nothing for a backstage
 * step that names none.
 */
export function evidenceOf(model: StudyModel, touchpoint: TouchpointDecl): string[] {
  const keys = keysOf(touchpoint);
  const given = keys.evidence.map((e) => e.trim()).filter(Boolean);
  if (given.length > 0) return given;
  if (keys.backstage === true) return [];
  return targets(model, keys.via, 'tool').map((tool) => {
    const { platform } = keysOf(tool);
    const name = tool.label?.text.trim() || humanize(tool.name.text);
    return platform?.trim() ? `${name} (${platform.trim()})` : name;
  });
}

interface JourneyColumn {
  touchpoint: TouchpointDecl;
  service: ServiceDecl;
  index: number;
  left: number;
}

interface Placement {
  column: JourneyColumn;
  lane: LaneId;
  channel: ChannelKey;
  /** actors shown on the main card */
  shown: ActorDecl[];
  /** staff shown in the frontstage, below a service-user card */
  staff: ActorDecl[];
  listed: boolean;
  tools: ToolDecl[];
}

function place(model: StudyModel, column: JourneyColumn): Placement {
  const tp = column.touchpoint;
  const keys = keysOf(tp);
  const actors = targets(model, keys.actors, 'actor');
  const staff = actors.filter((a) => sideOfActor(a) === 'staff');
  const users = actors.filter((a) => sideOfActor(a) !== 'staff');
  const backstage = keys.backstage === true;
  const lane: LaneId = backstage ? 'backstage' : users.length > 0 || actors.length === 0 ? 'user' : 'frontstage';
  const split = lane === 'user' && staff.length > 0;
  return {
    column,
    lane,
    channel: channelKey(keys.channel),
    shown: split ? users : actors,
    staff: split ? staff : [],
    listed: actors.length > 0,
    tools: targets(model, keys.via, 'tool').filter((tool, i, all) => all.indexOf(tool) === i),
  };
}

/** The main card of a touchpoint, drawn at the origin; moved into its lane later. */
function touchpointCard(p: Placement): CardLayout {
  const tp = p.column.touchpoint;
  const style = CHANNEL_STYLES[p.channel];
  const inner = CARD_W - 2 * CARD_PAD;
  const badgeWidth = Math.ceil(textWidth(style.badge, FONTS.badge)) + 14;
  const badge: Rect = { x: CARD_PAD + 22, y: CARD_PAD, width: badgeWidth, height: 18 };
  const badgeText = textLine(style.badge, badge.x + badge.width / 2, badge.y + 3.5, FONTS.badge, style.badgeText, 'middle');
  const stepText = String(p.column.index + 1);
  const step = { cx: CARD_W - CARD_PAD - 10, cy: CARD_PAD + 9, r: 10 };
  const stepLine = textLine(stepText, step.cx, step.cy - 6, FONTS.badge, '#ffffff', 'middle');
  const body = new Column(CARD_PAD, CARD_PAD + 18 + 9, inner);
  body.add(tp.label?.text || humanize(tp.name.text) || 'Unnamed touchpoint', FONTS.label, INK);
  body.space(2);
  body.add(tp.name.text, FONTS.name, FAINT);
  body.space(6);
  const ruleY = body.y;
  body.space(7);
  const actorsTop = body.y;
  const who = p.shown.length > 0 ? actorText(p.shown) : p.listed ? 'staff only' : 'Actors not listed';
  body.add(who, FONTS.small, p.listed ? MUTED : FAINT, { indent: 19, italic: !p.listed });
  return {
    kind: 'touchpoint',
    key: tp.name.text,
    lane: p.lane,
    box: { x: 0, y: 0, width: CARD_W, height: body.y + CARD_PAD - 2 },
    channel: p.channel,
    lines: [badgeText, stepLine, ...body.lines],
    icons: [
      { kind: p.channel, x: CARD_PAD, y: CARD_PAD + 1, color: style.stroke, size: 16 },
      { kind: 'person', x: CARD_PAD, y: actorsTop + 1, color: FAINT, size: 13 },
    ],
    badge,
    step,
    rules: [{ x1: CARD_PAD, x2: CARD_W - CARD_PAD, y: ruleY }],
  };
}

/** The frontstage card for the staff who meet a service user at a touchpoint. */
function staffCard(p: Placement): CardLayout {
  const body = new Column(CARD_PAD, CARD_PAD, CARD_W - 2 * CARD_PAD);
  body.add('STAFF ACTION', FONTS.badge, FAINT, { indent: 19 });
  body.space(3);
  const tp = p.column.touchpoint;
  body.add(tp.label?.text || humanize(tp.name.text) || 'Unnamed touchpoint', FONTS.small, INK);
  body.space(3);
  body.add(actorText(p.staff), FONTS.small, MUTED, { italic: true });
  return columnCard('staff', 'frontstage', p, body, [{ kind: 'person', x: CARD_PAD, y: CARD_PAD - 1, color: FAINT, size: 14 }]);
}

/** A card of one journey column, sized to the text laid out in `body`. */
function columnCard(kind: CardKind, lane: LaneId, p: Placement, body: Column, icons: CardLayout['icons']): CardLayout {
  return { kind, key: p.column.touchpoint.name.text, lane, box: { x: 0, y: 0, width: CARD_W, height: body.y + CARD_PAD - 2 }, channel: p.channel, lines: body.lines, icons, rules: [] };
}

/** The physical-evidence card of a touchpoint: one line per thing the service user sees or holds. */
function evidenceCard(p: Placement, items: string[]): CardLayout {
  const body = new Column(CARD_PAD, CARD_PAD, CARD_W - 2 * CARD_PAD);
  items.forEach((item, i) => {
    if (i > 0) body.space(4);
    body.add(item, FONTS.small, INK, { maxLines: 4 });
  });
  return columnCard('evidence', 'evidence', p, body, []);
}

interface ToolRun {
  tool: ToolDecl;
  first: number;
  last: number;
  row: number;
}

/** Consecutive journey columns that use the same tool become one support-process card. */
function toolRuns(placements: Placement[], tools: ToolDecl[]): ToolRun[] {
  const runs: ToolRun[] = [];
  for (const tool of tools) {
    let open: ToolRun | undefined;
    placements.forEach((p, i) => {
      if (!p.tools.includes(tool)) {
        open = undefined;
        return;
      }
      if (open) open.last = i;
      else runs.push((open = { tool, first: i, last: i, row: 0 }));
    });
  }
  runs.sort((a, b) => a.first - b.first || b.last - a.last);
  const rowEnds: number[] = [];
  for (const run of runs) {
    let row = rowEnds.findIndex((end) => end < run.first);
    if (row === -1) row = rowEnds.length;
    rowEnds[row] = run.last;
    run.row = row;
  }
  return runs;
}

function toolCard(run: ToolRun, width: number): CardLayout {
  const tool = run.tool;
  const body = new Column(CARD_PAD, CARD_PAD, width - 2 * CARD_PAD);
  body.add(tool.label?.text || humanize(tool.name.text) || 'Unnamed tool', FONTS.label, INK, { indent: 22 });
  body.space(1);
  body.add(tool.name.text, FONTS.name, FAINT, { indent: 22 });
  const { platform, codesigned } = keysOf(tool);
  if (platform) body.add(platform, FONTS.small, MUTED, { indent: 22, maxLines: 3 });
  if (codesigned) body.add('Co-designed with users', FONTS.small, CHANNEL_STYLES.digital.stroke, { indent: 22, italic: true });
  return {
    kind: 'tool',
    key: tool.name.text,
    lane: 'tools',
    box: { x: 0, y: 0, width, height: body.y + CARD_PAD - 2 },
    channel: 'unset',
    lines: body.lines,
    icons: [{ kind: 'tool', x: CARD_PAD, y: CARD_PAD + 1, color: '#92400e', size: 16 }],
    rules: [],
  };
}

/** Moves a card (and everything in it) by (dx, dy). */
function moveCard(card: CardLayout, dx: number, dy: number): void {
  const shift = (r: Rect): void => {
    r.x += dx;
    r.y += dy;
  };
  shift(card.box);
  if (card.badge) shift(card.badge);
  if (card.step) {
    card.step.cx += dx;
    card.step.cy += dy;
  }
  for (const line of card.lines) {
    line.x += dx;
    line.y += dy;
    shift(line.box);
  }
  for (const icon of card.icons) {
    icon.x += dx;
    icon.y += dy;
  }
  for (const rule of card.rules) {
    rule.x1 += dx;
    rule.x2 += dx;
    rule.y += dy;
  }
}

const LANES: { id: LaneId; title: string; caption: string; fill: string }[] = [
  { id: 'evidence', title: 'Physical evidence', caption: 'What the service user sees or holds (evidence, or the tool and its platform)', fill: '#fdf8f0' },
  { id: 'user', title: 'Service user actions', caption: 'What service users and carers do', fill: '#eff6ff' },
  { id: 'frontstage', title: 'Frontstage (staff)', caption: 'Staff actions the service user sees', fill: '#f8fafc' },
  { id: 'backstage', title: 'Backstage', caption: "Out of the service user's sight (backstage: yes)", fill: '#f1f5f9' },
  { id: 'tools', title: 'Tools', caption: 'Support processes: the digital tools touchpoints run through (via)', fill: '#fefbf1' },
];

export const LANE_FILLS: Record<LaneId, string> = Object.fromEntries(LANES.map((l) => [l.id, l.fill])) as Record<LaneId, string>;

const DIVIDERS: { kind: DividerKind; label: string; below: LaneId }[] = [
  { kind: 'interaction', label: 'LINE OF INTERACTION', below: 'user' },
  { kind: 'visibility', label: 'LINE OF VISIBILITY', below: 'frontstage' },
  { kind: 'internal', label: 'LINE OF INTERNAL INTERACTION', below: 'backstage' },
];

/** Groups consecutive columns by a key, breaking at service boundaries. */
function runsOf<T>(columns: JourneyColumn[], key: (c: JourneyColumn) => T): { first: number; last: number; value: T }[] {
  const runs: { first: number; last: number; value: T }[] = [];
  columns.forEach((column, i) => {
    const value = key(column);
    const open = runs[runs.length - 1];
    if (open && open.value === value && columns[open.last].service === column.service) open.last = i;
    else runs.push({ first: i, last: i, value });
  });
  return runs;
}

function describe(model: StudyModel, title: string, placements: Placement[]): string {
  const laneNames: Record<LaneId, string> = { evidence: 'physical evidence', user: 'service user actions', frontstage: 'frontstage', backstage: 'backstage', tools: 'tools' };
  const steps = placements.map((p, i) => {
    const tp = p.column.touchpoint;
    const parts = [
      `stage ${keysOf(tp).stage ?? 'not set'}`,
      `channel ${CHANNEL_STYLES[p.channel].legend.toLowerCase()}`,
      laneNames[p.lane],
      p.tools.length > 0 ? `via ${p.tools.map((t) => t.label?.text || t.name.text).join(', ')}` : '',
      p.listed ? `actors ${actorText([...p.shown, ...p.staff])}` : 'actors not listed',
      evidenceOf(model, tp).length > 0 ? `evidence ${evidenceOf(model, tp).join('; ')}` : '',
    ].filter(Boolean);
    return `${i + 1}. ${tp.label?.text || tp.name.text} (${parts.join('; ')}).`;
  });
  const head = `Service blueprint of ${title}: ${placements.length} touchpoint${placements.length === 1 ? '' : 's'} in journey order, in lanes for service user actions, frontstage staff actions, backstage actions below the line of visibility, and the digital tools that support them.`;
  const used = new Set(placements.flatMap((p) => p.tools));
  const unused = model.tools.filter((tool) => !used.has(tool));
  const tail = unused.length > 0 ? ` Tools no touchpoint runs through: ${unused.map((t) => t.label?.text || t.name.text).join(', ')}.` : '';
  return [head, ...steps].join(' ') + tail;
}

/** Computes the whole blueprint layout. Never throws: missing properties and unresolved references are drawn as what they are. */
export function layoutBlueprint(model: StudyModel): BlueprintLayout {
  const title = model.study?.label?.text || model.study?.name.text || `Fragment ${model.root.path.split(/[\\/]/).pop() ?? ''}`.trim();

  // Columns: services in file order, touchpoints in service order, a gap between services.
  const columns: JourneyColumn[] = [];
  let x = MARGIN + GUTTER;
  const services = model.services.filter((s) => s.touchpoints.length > 0);
  services.forEach((service, s) => {
    if (s > 0) x += SERVICE_GAP;
    for (const touchpoint of service.touchpoints) {
      columns.push({ touchpoint, service, index: columns.length, left: x });
      x += COL_W;
    }
  });
  if (columns.length === 0) x += 3 * COL_W;
  const width = Math.max(MIN_WIDTH, x + MARGIN);
  const contentRight = width - MARGIN;
  const placements = columns.map((c) => place(model, c));

  const texts: TextLine[] = [];
  const head = new Column(MARGIN, MARGIN, contentRight - MARGIN);
  head.add(title, FONTS.title, INK, { maxLines: 3 });
  head.space(3);
  const counts = `${columns.length} touchpoint${columns.length === 1 ? '' : 's'} in ${services.length} service${services.length === 1 ? '' : 's'}`;
  head.add(`Service blueprint · ${counts} · rows after Bitner, Ostrom & Morgan (2008)`, FONTS.subtitle, MUTED);
  texts.push(...head.lines);
  let y = head.y + 16;

  // Bands: a thin service band, then one band per run of touchpoints sharing a stage.
  const bands: BandLayout[] = [];
  const colRight = (i: number): number => columns[i].left + COL_W;
  const bandRow = (kind: 'service' | 'stage', runs: { first: number; last: number; text: string }[], font: FontSpec, caption: string): void => {
    const prepared = runs.map((run, n) => {
      const box: Rect = { x: columns[run.first].left + 3, y, width: colRight(run.last) - columns[run.first].left - 6, height: 0 };
      const column = new Column(box.x + 8, y + 6, box.width - 16);
      column.add(run.text, font, kind === 'service' ? '#ffffff' : INK, { anchor: kind === 'service' ? 'start' : 'middle', maxLines: 3 });
      return { box, column, shade: kind === 'stage' && !run.text ? 2 : n % 2 };
    });
    const captionColumn = new Column(MARGIN, y + 6, GUTTER - 16);
    captionColumn.add(caption, FONTS.caption, FAINT);
    const height = Math.max(captionColumn.y - y, ...prepared.map((p) => p.column.y - y)) + 6;
    for (const p of prepared) bands.push({ kind, box: { ...p.box, height }, lines: p.column.lines, shade: p.shade });
    texts.push(...captionColumn.lines);
    y += height + 4;
  };
  if (columns.length > 0) {
    bandRow(
      'service',
      runsOf(columns, (c) => c.service).map((r) => ({ first: r.first, last: r.last, text: r.value.label?.text || humanize(r.value.name.text) })),
      FONTS.service,
      'SERVICE',
    );
    bandRow(
      'stage',
      runsOf(columns, (c) => keysOf(c.touchpoint).stage ?? '').map((r) => ({ ...r, text: r.value })),
      FONTS.stage,
      'JOURNEY STAGE',
    );
  }
  y += 8;

  // Cards, then lanes sized to fit them.
  const cards: CardLayout[] = [];
  const mainCards = placements.map(touchpointCard);
  const staffCards = new Map<number, CardLayout>();
  const evidenceCards = new Map<number, CardLayout>();
  placements.forEach((p, i) => {
    if (p.staff.length > 0) staffCards.set(i, staffCard(p));
    const evidence = evidenceOf(model, p.column.touchpoint);
    if (evidence.length > 0) evidenceCards.set(i, evidenceCard(p, evidence));
  });
  const runs = toolRuns(placements, model.tools);
  const toolCards = runs.map((run) => toolCard(run, colRight(run.last) - columns[run.first].left - (COL_W - CARD_W)));
  const toolRowHeights: number[] = [];
  runs.forEach((run, i) => (toolRowHeights[run.row] = Math.max(toolRowHeights[run.row] ?? 0, toolCards[i].box.height)));
  runs.forEach((run, i) => (toolCards[i].box.height = toolRowHeights[run.row]));

  const lanes: LaneLayout[] = [];
  const dividers: DividerLayout[] = [];
  const laneTop = new Map<LaneId, number>();
  const cardLeft = (i: number): number => columns[i].left + (COL_W - CARD_W) / 2;
  for (const lane of LANES) {
    const top = y;
    laneTop.set(lane.id, top);
    const label = new Column(MARGIN + 12, top + 16, GUTTER - 24);
    label.add(lane.title, FONTS.laneTitle, INK);
    label.space(2);
    label.add(lane.caption, FONTS.caption, MUTED);
    let contentHeight = 0;
    if (lane.id === 'tools') {
      let rowTop = top + LANE_PAD;
      toolRowHeights.forEach((h, row) => {
        runs.forEach((run, i) => {
          if (run.row === row) moveCard(toolCards[i], cardLeft(run.first), rowTop);
        });
        rowTop += h + 10;
      });
      cards.push(...toolCards);
      contentHeight = toolRowHeights.length > 0 ? rowTop - 10 - top - LANE_PAD : 0;
    } else {
      placements.forEach((p, i) => {
        const card = lane.id === 'evidence' ? evidenceCards.get(i) : lane.id === 'frontstage' && staffCards.has(i) ? staffCards.get(i) : p.lane === lane.id ? mainCards[i] : undefined;
        if (!card) return;
        moveCard(card, cardLeft(i), top + LANE_PAD);
        cards.push(card);
        contentHeight = Math.max(contentHeight, card.box.height);
      });
    }
    if (lane.id === 'user' && columns.length === 0) {
      const note = new Column(MARGIN + GUTTER + 12, top + LANE_PAD, 3 * COL_W - 24);
      note.add('No touchpoints yet: add a service with touchpoints to draw the journey.', FONTS.small, FAINT, { italic: true });
      texts.push(...note.lines);
      contentHeight = note.y - top - LANE_PAD;
    }
    // room for the divider label that sits on the lane's lower edge
    const height = Math.max(contentHeight + 2 * LANE_PAD, label.y - top + 24);
    const box: Rect = { x: MARGIN, y: top, width: contentRight - MARGIN, height };
    lanes.push({ id: lane.id, box, lines: label.lines, gutter: { x: MARGIN, y: top, width: GUTTER, height } });
    y += height;
    const divider = DIVIDERS.find((d) => d.below === lane.id);
    if (divider) {
      const pillWidth = Math.ceil(textWidth(divider.label, FONTS.badge)) + 14;
      const pill: Rect = { x: MARGIN + 8, y: y - 9, width: pillWidth, height: 18 };
      dividers.push({
        kind: divider.kind,
        y,
        x1: MARGIN,
        x2: contentRight,
        pill,
        label: textLine(divider.label, pill.x + 7, pill.y + 3.5, FONTS.badge, divider.kind === 'visibility' ? '#b91c1c' : MUTED),
      });
    }
  }

  // Connectors: the journey from card to card; staff below their touchpoint; touchpoints down to their tools.
  const connectors: ConnectorLayout[] = [];
  const anchorY = (card: CardLayout): number => card.box.y + CARD_PAD + 9;
  for (let i = 0; i + 1 < mainCards.length; i++) {
    const a = mainCards[i];
    const b = mainCards[i + 1];
    const x1 = a.box.x + a.box.width;
    const x2 = b.box.x - 2;
    const gx = (x1 + b.box.x) / 2;
    const points =
      anchorY(a) === anchorY(b)
        ? [
            { x: x1, y: anchorY(a) },
            { x: x2, y: anchorY(b) },
          ]
        : [
            { x: x1, y: anchorY(a) },
            { x: gx, y: anchorY(a) },
            { x: gx, y: anchorY(b) },
            { x: x2, y: anchorY(b) },
          ];
    connectors.push({ kind: 'journey', points });
  }
  for (const [i, staff] of staffCards) {
    const main = mainCards[i];
    const cx = main.box.x + main.box.width / 2;
    connectors.push({
      kind: 'interaction',
      points: [
        { x: cx, y: main.box.y + main.box.height },
        { x: cx, y: staff.box.y },
      ],
    });
  }
  // each column's tool runs, in the runs' order: found per run, not by scanning every run per column
  const runsAt: number[][] = placements.map(() => []);
  runs.forEach((run, n) => {
    for (let i = run.first; i <= run.last; i++) runsAt[i].push(n);
  });
  placements.forEach((p, i) => {
    const lowest = staffCards.get(i) ?? mainCards[i];
    const bottom = lowest.box.y + lowest.box.height;
    const ownRuns = runsAt[i].map((n) => ({ run: runs[n], card: toolCards[n] })).filter(({ run }) => p.tools.includes(run.tool));
    ownRuns.forEach(({ card }, k) => {
      const cx = mainCards[i].box.x + CARD_W / 2 + (k - (ownRuns.length - 1) / 2) * 14;
      connectors.push({
        kind: 'support',
        points: [
          { x: cx, y: bottom },
          { x: cx, y: card.box.y },
        ],
      });
    });
  });

  // Legend: what each style means, flowing in rows.
  y += 22;
  const legendTop = y;
  const legendTitle = textLine('Key', MARGIN, y, { size: 13, weight: 700 }, INK);
  y += 22;
  const present = new Set(placements.map((p) => p.channel));
  const kinds: LegendKind[] = [
    'digital',
    'video',
    'hybrid',
    'face_to_face',
    'telephone',
    'paper',
    ...(present.has('unset') ? (['unset'] as const) : []),
    'journey',
    'staff',
    'interaction',
    'visibility',
    'internal',
    'support',
  ];
  const legendLabels: Record<LegendKind, string> = {
    ...(Object.fromEntries(Object.entries(CHANNEL_STYLES).map(([k, s]) => [k, s.legend])) as Record<ChannelKey, string>),
    journey: 'Journey order',
    staff: 'Staff meeting the service user',
    interaction: 'Line of interaction',
    visibility: 'Line of visibility',
    internal: 'Line of internal interaction',
    support: 'Runs through tool (via)',
  };
  const items: LegendItemLayout[] = [];
  let lx = MARGIN;
  for (const kind of kinds) {
    const label = legendLabels[kind];
    const itemWidth = 44 + 8 + textWidth(label, FONTS.legend);
    if (lx + itemWidth > contentRight && lx > MARGIN) {
      lx = MARGIN;
      y += 34;
    }
    const swatch: Rect = { x: lx, y, width: 44, height: 26 };
    items.push({ kind, swatch, label: textLine(label, lx + 52, y + 13 - FONTS.legend.size * 0.6, FONTS.legend, MUTED) });
    lx += itemWidth + 26;
  }
  y += 26;
  const legend = { box: { x: MARGIN, y: legendTop, width: contentRight - MARGIN, height: y - legendTop }, title: legendTitle, items };
  const height = Math.ceil(y + MARGIN);

  return {
    width,
    height,
    title,
    description: describe(model, title, placements),
    texts,
    frame: { x: MARGIN, y: MARGIN, width: contentRight - MARGIN, height: height - 2 * MARGIN },
    bands,
    lanes,
    dividers,
    cards,
    connectors,
    legend,
  };
}

/** Every line of text in the layout with the box it must stay inside. */
export function layoutTexts(layout: BlueprintLayout): { line: TextLine; container: Rect; owner: string }[] {
  return [
    ...layout.texts.map((line) => ({ line, container: layout.frame, owner: 'header' })),
    ...layout.bands.flatMap((band) => band.lines.map((line) => ({ line, container: band.box, owner: `${band.kind} band` }))),
    ...layout.lanes.flatMap((lane) => lane.lines.map((line) => ({ line, container: lane.gutter, owner: `${lane.id} lane` }))),
    ...layout.dividers.map((d) => ({ line: d.label, container: d.pill, owner: `${d.kind} line` })),
    ...layout.cards.flatMap((card) => card.lines.map((line) => ({ line, container: card.box, owner: `${card.kind} ${card.key}` }))),
    { line: layout.legend.title, container: layout.legend.box, owner: 'legend' },
    ...layout.legend.items.map((item) => ({ line: item.label, container: layout.legend.box, owner: 'legend' })),
  ];
}
