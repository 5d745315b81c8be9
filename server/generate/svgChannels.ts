import { num } from './svgText';

/** A touchpoint's channel as the blueprint draws it; 'unset' when missing or unknown. */
export type ChannelKey = 'digital' | 'video' | 'hybrid' | 'face_to_face' | 'telephone' | 'paper' | 'unset';

export const CHANNEL_KEYS: readonly ChannelKey[] = ['digital', 'video', 'hybrid', 'face_to_face', 'telephone', 'paper', 'unset'];

export interface ChannelStyle {
  badge: string;
  legend: string;
  stroke: string;
  strokeWidth: number;
  dash?: string;
  fill: string;
  badgeFill: string;
  badgeStroke?: string;
  badgeText: string;
}

const TEAL = '#0f766e';
const VIOLET = '#6d28d9';
const SLATE = '#475569';

const inPerson = (badge: string, legend: string): ChannelStyle => ({ badge, legend, stroke: SLATE, strokeWidth: 1.5, fill: '#ffffff', badgeFill: '#e2e8f0', badgeText: '#1e293b' });

/** Digital, video and hybrid stand out by colour, border and badge; the others share a quiet style and differ by icon and badge. */
export const CHANNEL_STYLES: Record<ChannelKey, ChannelStyle> = {
  digital: { badge: 'DIGITAL', legend: 'Digital', stroke: TEAL, strokeWidth: 2.5, fill: '#f0fdfa', badgeFill: TEAL, badgeText: '#ffffff' },
  video: { badge: 'VIDEO', legend: 'Video', stroke: VIOLET, strokeWidth: 2.5, fill: '#f5f3ff', badgeFill: VIOLET, badgeText: '#ffffff' },
  hybrid: { badge: 'HYBRID', legend: 'Hybrid (mixed channels)', stroke: TEAL, strokeWidth: 2.5, dash: '7 4', fill: '#ffffff', badgeFill: '#ffffff', badgeStroke: TEAL, badgeText: TEAL },
  face_to_face: inPerson('FACE TO FACE', 'Face to face'),
  telephone: inPerson('TELEPHONE', 'Telephone'),
  paper: inPerson('PAPER', 'Paper'),
  unset: { badge: 'NO CHANNEL', legend: 'Channel not set', stroke: '#94a3b8', strokeWidth: 1.5, dash: '2 3', fill: '#ffffff', badgeFill: '#ffffff', badgeStroke: '#94a3b8', badgeText: '#64748b' },
};

export function channelKey(channel: string | undefined): ChannelKey {
  return channel !== undefined && (CHANNEL_KEYS as readonly string[]).includes(channel) && channel !== 'unset' ? (channel as ChannelKey) : 'unset';
}

export type IconKind = ChannelKey | 'person' | 'tool';

/** Line-art icons drawn in a 16×16 box, so no icon font or emoji is needed. */
const ICON_PATHS: Record<IconKind, string> = {
  digital: '<rect x="1" y="2" width="14" height="9.5" rx="1.2"/><path d="M8 11.5v3M4.8 14.5h6.4"/>',
  video: '<rect x="1" y="4" width="10" height="8" rx="1.5"/><path d="M11 7.2l4-2.2v6l-4-2.2z"/>',
  hybrid: '<rect x="1" y="2" width="9" height="7" rx="1"/><path d="M5.5 9v2.5M3.5 11.5h4"/><circle cx="12.5" cy="7.5" r="1.8"/><path d="M9.8 15a2.7 2.7 0 0 1 5.4 0"/>',
  face_to_face: '<circle cx="4.8" cy="5" r="2.2"/><circle cx="11.2" cy="5" r="2.2"/><path d="M1.2 14.5a3.6 3.6 0 0 1 7.2 0M7.6 14.5a3.6 3.6 0 0 1 7.2 0"/>',
  telephone: '<path d="M3.2 1.5h2.6l1.2 3.4-1.7 1.2a8.5 8.5 0 0 0 4.6 4.6l1.2-1.7 3.4 1.2v2.6a1.5 1.5 0 0 1-1.6 1.5A12.6 12.6 0 0 1 1.7 3.1a1.5 1.5 0 0 1 1.5-1.6z"/>',
  paper: '<path d="M3 1h6.5L13 4.5V15H3z"/><path d="M9.5 1v3.5H13M5.5 8h5M5.5 10.5h5M5.5 13h3"/>',
  unset: '<circle cx="8" cy="8" r="6.2" stroke-dasharray="2 2"/>',
  person: '<circle cx="8" cy="4.8" r="2.6"/><path d="M3 15a5 5 0 0 1 10 0"/>',
  tool: '<rect x="1.5" y="1.5" width="13" height="13" rx="2.5"/><path d="M4.5 6h7M4.5 9h7M4.5 12h4"/>',
};

/** An icon at (x, y), `size` pixels square, drawn in `color`. */
export function iconSvg(kind: IconKind, x: number, y: number, color: string, size = 16): string {
  const scale = size / 16;
  const transform = scale === 1 ? `translate(${num(x)} ${num(y)})` : `translate(${num(x)} ${num(y)}) scale(${num(scale)})`;
  return `<g transform="${transform}" fill="none" stroke="${color}" stroke-width="1.4" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true">${ICON_PATHS[kind]}</g>`;
}
