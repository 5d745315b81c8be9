import { StudyModel } from '../model/model';
import { CHANNEL_STYLES, ChannelKey, iconSvg } from './svgChannels';
import { BlueprintLayout, CardLayout, ConnectorLayout, DividerKind, LANE_FILLS, layoutBlueprint, LegendItemLayout, Point, Rect, TextLine } from './svgLayout';
import { escapeXml, MONO_STACK, num, SANS_STACK } from './svgText';

export { layoutBlueprint, layoutTexts } from './svgLayout';
export type { BlueprintLayout } from './svgLayout';

const DIVIDER_STYLES: Record<DividerKind, { stroke: string; width: number; dash?: string }> = {
  interaction: { stroke: '#64748b', width: 1.25 },
  visibility: { stroke: '#b91c1c', width: 2, dash: '10 6' },
  internal: { stroke: '#64748b', width: 1.25, dash: '2 4' },
};

const CONNECTOR_STYLES: Record<ConnectorLayout['kind'], string> = {
  journey: 'stroke="#334155" stroke-width="1.75" marker-end="url(#studyspec-bp-arrow)"',
  interaction: 'stroke="#64748b" stroke-width="1.5" marker-start="url(#studyspec-bp-dot)" marker-end="url(#studyspec-bp-dot)"',
  support: 'stroke="#b45309" stroke-width="1.5" stroke-dasharray="2 3" marker-end="url(#studyspec-bp-dot-amber)"',
};

function rect(r: Rect, attrs: string): string {
  return `<rect x="${num(r.x)}" y="${num(r.y)}" width="${num(r.width)}" height="${num(r.height)}" ${attrs}/>`;
}

function text(line: TextLine): string {
  const family = line.font.family === 'mono' ? ` font-family="${MONO_STACK}"` : '';
  const weight = line.font.weight && line.font.weight !== 400 ? ` font-weight="${line.font.weight}"` : '';
  const anchor = line.anchor === 'middle' ? ' text-anchor="middle"' : '';
  const italic = line.italic ? ' font-style="italic"' : '';
  return `<text x="${num(line.x)}" y="${num(line.y)}" font-size="${num(line.font.size)}"${weight}${family}${anchor}${italic} fill="${line.fill}">${escapeXml(line.text)}</text>`;
}

function polyline(points: Point[], attrs: string): string {
  return `<polyline points="${points.map((p) => `${num(p.x)},${num(p.y)}`).join(' ')}" fill="none" ${attrs}/>`;
}

function line(x1: number, y1: number, x2: number, y2: number, attrs: string): string {
  return `<line x1="${num(x1)}" y1="${num(y1)}" x2="${num(x2)}" y2="${num(y2)}" ${attrs}/>`;
}

function cardFrame(box: Rect, channel: ChannelKey, kind: CardLayout['kind']): string {
  if (kind === 'evidence') return rect(box, 'rx="4" fill="#ffffff" stroke="#a16207" stroke-width="1" stroke-dasharray="4 3"');
  if (kind === 'tool') return rect(box, 'rx="6" fill="#fffbeb" stroke="#b45309" stroke-width="1.25"');
  if (kind === 'staff') return rect(box, 'rx="6" fill="#ffffff" stroke="#94a3b8" stroke-width="1.25"');
  const style = CHANNEL_STYLES[channel];
  const dash = style.dash ? ` stroke-dasharray="${style.dash}"` : '';
  return rect(box, `rx="7" fill="${style.fill}" stroke="${style.stroke}" stroke-width="${style.strokeWidth}"${dash}`);
}

function card(c: CardLayout): string {
  const parts: string[] = [cardFrame(c.box, c.channel, c.kind)];
  const style = CHANNEL_STYLES[c.channel];
  if (c.badge) {
    const stroke = style.badgeStroke ? ` stroke="${style.badgeStroke}" stroke-width="1.25"` : '';
    parts.push(rect(c.badge, `rx="9" fill="${style.badgeFill}"${stroke}`));
  }
  if (c.step) parts.push(`<circle cx="${num(c.step.cx)}" cy="${num(c.step.cy)}" r="${num(c.step.r)}" fill="#334155"/>`);
  for (const rule of c.rules) parts.push(line(rule.x1, rule.y, rule.x2, rule.y, 'stroke="#cbd5e1" stroke-width="1"'));
  for (const icon of c.icons) parts.push(iconSvg(icon.kind, icon.x, icon.y, icon.color, icon.size));
  for (const l of c.lines) parts.push(text(l));
  return `<g class="bp-${c.kind}" data-name="${escapeXml(c.key)}">${parts.join('')}</g>`;
}

function legendSwatch(item: LegendItemLayout): string {
  const s = item.swatch;
  const midY = s.y + s.height / 2;
  switch (item.kind) {
    case 'journey':
    case 'support':
    case 'interaction': {
      const points =
        item.kind === 'support'
          ? [
              { x: s.x + s.width / 2, y: s.y + 2 },
              { x: s.x + s.width / 2, y: s.y + s.height - 4 },
            ]
          : [
              { x: s.x + 4, y: midY },
              { x: s.x + s.width - 6, y: midY },
            ];
      if (item.kind === 'interaction') return line(s.x + 2, midY, s.x + s.width - 2, midY, `stroke="${DIVIDER_STYLES.interaction.stroke}" stroke-width="${DIVIDER_STYLES.interaction.width}"`);
      return polyline(points, CONNECTOR_STYLES[item.kind]);
    }
    case 'visibility':
    case 'internal': {
      const d = DIVIDER_STYLES[item.kind];
      return line(s.x + 2, midY, s.x + s.width - 2, midY, `stroke="${d.stroke}" stroke-width="${d.width}" stroke-dasharray="${d.dash ?? ''}"`);
    }
    case 'staff':
      return cardFrame({ x: s.x + 4, y: s.y + 3, width: s.width - 8, height: s.height - 6 }, 'unset', 'staff') + iconSvg('person', s.x + s.width / 2 - 7, s.y + 6, '#64748b', 14);
    default: {
      const style = CHANNEL_STYLES[item.kind];
      return cardFrame({ x: s.x + 4, y: s.y + 3, width: s.width - 8, height: s.height - 6 }, item.kind, 'touchpoint') + iconSvg(item.kind, s.x + s.width / 2 - 7, s.y + 6, style.stroke, 14);
    }
  }
}

function render(layout: BlueprintLayout): string {
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${layout.width}" height="${layout.height}" viewBox="0 0 ${layout.width} ${layout.height}" role="img" aria-labelledby="studyspec-bp-title studyspec-bp-desc" font-family="${SANS_STACK}">`,
    `<title id="studyspec-bp-title">${escapeXml(`Service blueprint: ${layout.title}`)}</title>`,
    `<desc id="studyspec-bp-desc">${escapeXml(layout.description)}</desc>`,
    '<defs>',
    '<marker id="studyspec-bp-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0 0L10 5L0 10z" fill="#334155"/></marker>',
    '<marker id="studyspec-bp-dot" viewBox="0 0 10 10" refX="5" refY="5" markerWidth="5" markerHeight="5"><circle cx="5" cy="5" r="4" fill="#64748b"/></marker>',
    '<marker id="studyspec-bp-dot-amber" viewBox="0 0 10 10" refX="5" refY="5" markerWidth="5" markerHeight="5"><circle cx="5" cy="5" r="4" fill="#b45309"/></marker>',
    '</defs>',
    rect({ x: 0, y: 0, width: layout.width, height: layout.height }, 'fill="#ffffff"'),
  );
  out.push('<g class="bp-header">', ...layout.texts.map(text), '</g>');
  out.push('<g class="bp-bands">');
  const shades = ['#e2e8f0', '#d5dee9', '#f1f5f9'];
  for (const band of layout.bands) {
    const fill = band.kind === 'service' ? (band.shade ? '#334155' : '#1e293b') : shades[band.shade];
    out.push(rect(band.box, `rx="4" fill="${fill}"`), ...band.lines.map(text));
  }
  out.push('</g>', '<g class="bp-lanes">');
  for (const lane of layout.lanes) {
    out.push(rect(lane.box, `fill="${LANE_FILLS[lane.id]}"`));
    out.push(line(lane.gutter.x + lane.gutter.width, lane.box.y, lane.gutter.x + lane.gutter.width, lane.box.y + lane.box.height, 'stroke="#e2e8f0" stroke-width="1"'));
    out.push(...lane.lines.map(text));
  }
  const first = layout.lanes[0];
  const last = layout.lanes[layout.lanes.length - 1];
  if (first && last) out.push(rect({ x: first.box.x, y: first.box.y, width: first.box.width, height: last.box.y + last.box.height - first.box.y }, 'fill="none" stroke="#cbd5e1" stroke-width="1"'));
  out.push('</g>', '<g class="bp-lines">');
  for (const d of layout.dividers) {
    const style = DIVIDER_STYLES[d.kind];
    const dash = style.dash ? ` stroke-dasharray="${style.dash}"` : '';
    out.push(line(d.x1, d.y, d.x2, d.y, `stroke="${style.stroke}" stroke-width="${style.width}"${dash}`));
    out.push(rect(d.pill, `rx="9" fill="#ffffff" stroke="${style.stroke}" stroke-width="1"`), text(d.label));
  }
  out.push('</g>', '<g class="bp-connectors">');
  for (const c of layout.connectors) out.push(polyline(c.points, CONNECTOR_STYLES[c.kind]));
  out.push('</g>', '<g class="bp-cards">', ...layout.cards.map(card), '</g>');
  out.push('<g class="bp-legend">', text(layout.legend.title));
  for (const item of layout.legend.items) out.push(legendSwatch(item), text(item.label));
  out.push('</g>', '</svg>');
  return out.join('\n') + '\n';
}

/**
 * The study's service blueprint as a standalone SVG document: touchpoints in journey order as
 * columns, grouped by service and stage, in lanes for service user actions, frontstage staff,
 * backstage (below the line of visibility) and the digital tools as support processes.
 * All user text is XML-escaped; output is deterministic. Never throws on a partial study.
 */
export function renderBlueprintSvg(model: StudyModel): string {
  return render(layoutBlueprint(model));
}
