import { strict as assert } from 'assert';
import { layoutBlueprint, layoutTexts, renderBlueprintSvg } from '../../server/generate/blueprint';
import { BlueprintLayout, Rect } from '../../server/generate/svgLayout';
import { escapeXml, textWidth, wrapText } from '../../server/generate/svgText';
import { memoryModel, sampleModel, STUDY_SAMPLES } from './studySamples';

const EPSILON = 0.01;
const overlaps = (a: Rect, b: Rect): boolean => a.x < b.x + b.width - EPSILON && b.x < a.x + a.width - EPSILON && a.y < b.y + b.height - EPSILON && b.y < a.y + a.height - EPSILON;
const inside = (inner: Rect, outer: Rect): boolean =>
  inner.x >= outer.x - EPSILON && inner.y >= outer.y - EPSILON && inner.x + inner.width <= outer.x + outer.width + EPSILON && inner.y + inner.height <= outer.y + outer.height + EPSILON;
const show = (r: Rect): string => `(${r.x.toFixed(1)},${r.y.toFixed(1)} ${r.width.toFixed(1)}×${r.height.toFixed(1)})`;

/** Every geometric promise of the layout: text fits its box, nothing overlaps, everything is on the canvas. */
function assertCleanLayout(layout: BlueprintLayout): void {
  const canvas: Rect = { x: 0, y: 0, width: layout.width, height: layout.height };
  const texts = layoutTexts(layout);
  for (const { line, container, owner } of texts) {
    assert.ok(line.text.length > 0, `empty line in ${owner}`);
    assert.ok(inside(line.box, container), `"${line.text}" ${show(line.box)} does not fit its ${owner} ${show(container)}`);
  }
  for (let i = 0; i < texts.length; i++) {
    for (let j = i + 1; j < texts.length; j++) {
      const a = texts[i];
      const b = texts[j];
      assert.ok(!overlaps(a.line.box, b.line.box), `"${a.line.text}" (${a.owner}) overlaps "${b.line.text}" (${b.owner})`);
    }
  }
  const cards = layout.cards;
  for (let i = 0; i < cards.length; i++) {
    const lane = layout.lanes.find((l) => l.id === cards[i].lane);
    assert.ok(lane && inside(cards[i].box, lane.box), `${cards[i].kind} card ${cards[i].key} leaves its lane`);
    assert.ok(!overlaps(cards[i].box, lane.gutter), `${cards[i].kind} card ${cards[i].key} covers the lane labels`);
    for (let j = i + 1; j < cards.length; j++) assert.ok(!overlaps(cards[i].box, cards[j].box), `${cards[i].kind} ${cards[i].key} overlaps ${cards[j].kind} ${cards[j].key}`);
    // a card's badge and step marker stay inside it and clear of its text
    const step = cards[i].step;
    for (const extra of [cards[i].badge, step && { x: step.cx - step.r, y: step.cy - step.r, width: 2 * step.r, height: 2 * step.r }]) {
      if (extra) assert.ok(inside(extra, cards[i].box), `badge outside card ${cards[i].key}`);
    }
  }
  // no card covers text that is not its own
  for (const { line, owner } of texts) {
    for (const card of cards) {
      if (card.lines.includes(line)) continue;
      assert.ok(!overlaps(line.box, card.box), `"${line.text}" (${owner}) lies under ${card.kind} card ${card.key}`);
    }
  }
  for (let i = 0; i + 1 < layout.lanes.length; i++) assert.ok(!overlaps(layout.lanes[i].box, layout.lanes[i + 1].box), 'lanes overlap');
  for (let i = 0; i < layout.bands.length; i++) {
    for (let j = i + 1; j < layout.bands.length; j++) assert.ok(!overlaps(layout.bands[i].box, layout.bands[j].box), 'bands overlap');
  }
  for (const rect of [...cards.map((c) => c.box), ...layout.lanes.map((l) => l.box), ...layout.bands.map((b) => b.box), layout.legend.box]) {
    assert.ok(inside(rect, canvas), `${show(rect)} leaves the canvas ${layout.width}×${layout.height}`);
  }
}

/** A small well-formedness check: tags nest, attributes are quoted, text holds no raw markup. */
function assertWellFormedXml(xml: string): void {
  const stack: string[] = [];
  const tokens = xml.match(/<[^>]*>|[^<]+/g) ?? [];
  for (const token of tokens) {
    if (token.startsWith('<')) {
      const close = /^<\/([A-Za-z][\w:-]*)\s*>$/.exec(token);
      if (close) {
        assert.equal(stack.pop(), close[1], `mismatched </${close[1]}>`);
        continue;
      }
      const open = /^<([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<&]*(?:&(?:amp|lt|gt|quot|apos);[^"<&]*)*")*)\s*(\/?)>$/.exec(token);
      assert.ok(open, `malformed tag: ${token.slice(0, 120)}`);
      if (!open[3]) stack.push(open[1]);
    } else {
      assert.ok(!/&(?!(?:amp|lt|gt|quot|apos);)/.test(token), `raw & in text: ${token.slice(0, 80)}`);
      assert.ok(!token.includes('>'), `raw > in text: ${token.slice(0, 80)}`);
    }
  }
  assert.deepEqual(stack, [], 'unclosed elements');
}

describe('service blueprint (SVG)', () => {
  it('finds the study samples', () => {
    assert.ok(STUDY_SAMPLES.includes('care-pathway-tool.study'));
    assert.ok(STUDY_SAMPLES.includes('video-outpatients.study'));
    assert.ok(STUDY_SAMPLES.includes('social-care-portal.study'));
  });

  for (const sample of STUDY_SAMPLES) {
    describe(sample, () => {
      const model = sampleModel(sample);
      const layout = layoutBlueprint(model);
      const svg = renderBlueprintSvg(model);

      it('lays out without overlaps, every line inside its card', () => assertCleanLayout(layout));

      it('is a well-formed, accessible, deterministic SVG of page width', () => {
        assertWellFormedXml(svg);
        assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="\d+" height="\d+" viewBox="0 0 \d+ \d+" role="img"/);
        assert.match(svg, /<title id="studyspec-bp-title">Service blueprint: /);
        assert.match(svg, /<desc id="studyspec-bp-desc">.+<\/desc>/);
        assert.equal(renderBlueprintSvg(sampleModel(sample)), svg, 'two renders differ');
        assert.ok(layout.width >= 980 && layout.width <= 1800, `width ${layout.width}`);
        for (const { line } of layoutTexts(layout)) assert.ok(line.font.size >= 10.5, `"${line.text}" is set in ${line.font.size}px`);
      });

      it('draws every touchpoint once, in journey order, with its label and name', () => {
        const journey = model.services.flatMap((s) => s.touchpoints);
        const main = layout.cards.filter((c) => c.kind === 'touchpoint');
        assert.deepEqual(main.map((c) => c.key).sort(), journey.map((t) => t.name.text).sort());
        const byKey = new Map(main.map((c) => [c.key, c]));
        for (let i = 1; i < journey.length; i++) {
          const before = byKey.get(journey[i - 1].name.text);
          const after = byKey.get(journey[i].name.text);
          assert.ok(before && after && before.box.x < after.box.x, 'columns follow the journey');
        }
        for (const tp of journey) {
          const text = byKey.get(tp.name.text)?.lines.map((l) => l.text) ?? [];
          assert.ok(text.includes(tp.name.text), `name of ${tp.name.text}`);
          assert.ok(text.join(' ').includes((tp.label?.text ?? '').split(' ')[0]), `label of ${tp.name.text}`);
        }
        assert.equal(layout.connectors.filter((c) => c.kind === 'journey').length, Math.max(0, journey.length - 1));
      });
    });
  }

  describe('care pathway sample', () => {
    const model = sampleModel('care-pathway-tool.study');
    const layout = layoutBlueprint(model);
    const svg = renderBlueprintSvg(model);

    it('names actors by their labels, not their ids', () => {
      const text = layout.cards.map((c) => c.lines.map((l) => l.text).join(' ')).join(' | ');
      assert.match(text, /People using community mental-health services/);
      assert.match(text, /Registered mental-health professionals; Team and service managers/);
      assert.ok(!/\bhf nurse\b|\brecovery worker\b/.test(text), 'no humanised ids');
    });

    it('has a physical-evidence row: the tool and its platform, nothing for a backstage step', () => {
      const evidence = layout.cards.filter((c) => c.kind === 'evidence');
      assert.deepEqual(
        evidence.map((c) => [c.key, c.lines.map((l) => l.text).join(' ')]),
        [
          ['plan_together', 'Care pathway tool (Android tablet)'],
          ['crisis_plan', 'Care pathway tool (Android tablet)'],
          ['progress_note', 'Care pathway tool (Android tablet)'],
        ],
      );
      const lane = layout.lanes.find((l) => l.id === 'evidence');
      const user = layout.lanes.find((l) => l.id === 'user');
      assert.ok(lane && user && lane.box.y < user.box.y, "above the service user actions, as in Bitner's blueprint");
      assert.match(renderBlueprintSvg(model), /Physical evidence/);
    });

    it("the touchpoint's own evidence comes before the tool's", () => {
      const video = layoutBlueprint(sampleModel('video-outpatients.study'));
      const invitation = video.cards.find((c) => c.kind === 'evidence' && c.key === 'invitation');
      assert.equal(invitation?.lines.map((l) => l.text).join(' '), 'Appointment letter Text message with the video link');
      assert.ok(!video.cards.some((c) => c.kind === 'evidence' && c.key === 'suitability'), 'a backstage step shows no evidence');
    });

    it('puts shared record keeping backstage and the rest in service user actions, with staff frontstage', () => {
      const lanes = Object.fromEntries(layout.cards.filter((c) => c.kind === 'touchpoint').map((c) => [c.key, c.lane]));
      assert.deepEqual(lanes, { plan_together: 'user', crisis_plan: 'user', progress_note: 'user', record_sharing: 'backstage' });
      const staff = layout.cards.filter((c) => c.kind === 'staff');
      assert.deepEqual(
        staff.map((c) => [c.key, c.lines.map((l) => l.text).join(' ')]),
        [
          ['plan_together', 'STAFF ACTION Service user and worker write the care plan on the tablet Staff in recovery support roles'],
          ['crisis_plan', 'STAFF ACTION Crisis plan agreed and recorded Registered mental-health professionals'],
          ['progress_note', 'STAFF ACTION Progress note written together after a visit Staff in recovery support roles'],
        ],
      );
      const visibility = layout.dividers.find((d) => d.kind === 'visibility');
      const backstage = layout.cards.find((c) => c.key === 'record_sharing');
      assert.ok(visibility && backstage && backstage.box.y > visibility.y, 'backstage card below the line of visibility');
      for (const c of layout.cards.filter((x) => x.lane !== 'backstage' && x.lane !== 'tools')) assert.ok(c.box.y + c.box.height < visibility.y);
    });

    it('labels the line of visibility as a dashed line', () => {
      assert.match(svg, /<line [^>]*stroke="#b91c1c" stroke-width="2" stroke-dasharray="10 6"\/>/);
      assert.match(svg, />LINE OF VISIBILITY<\/text>/);
    });

    it('groups touchpoints by stage and service', () => {
      const stages = layout.bands.filter((b) => b.kind === 'stage').map((b) => b.lines.map((l) => l.text).join(' '));
      assert.deepEqual(stages, ['planning', 'review']);
      const services = layout.bands.filter((b) => b.kind === 'service').map((b) => b.lines.map((l) => l.text).join(' '));
      assert.deepEqual(services, ['Planning and reviewing care together']);
    });

    it('draws the tool once under the touchpoints that use it, linked to each', () => {
      const tools = layout.cards.filter((c) => c.kind === 'tool');
      assert.equal(tools.length, 1);
      assert.equal(tools[0].key, 'cpt');
      const first = layout.cards.find((c) => c.key === 'plan_together' && c.kind === 'touchpoint');
      const last = layout.cards.find((c) => c.key === 'record_sharing');
      assert.ok(first && last);
      assert.ok(tools[0].box.x <= first.box.x && tools[0].box.x + tools[0].box.width >= last.box.x + last.box.width, 'the tool spans its touchpoints');
      assert.equal(layout.connectors.filter((c) => c.kind === 'support').length, 4);
    });

    it('marks digital touchpoints with a teal border and a badge, and has a key', () => {
      assert.equal((svg.match(/stroke="#0f766e" stroke-width="2.5"\/>/g) ?? []).length >= 4, true);
      assert.equal((svg.match(/>DIGITAL<\/text>/g) ?? []).length, 4);
      const legend = layout.legend.items.map((i) => i.label.text);
      for (const expected of ['Digital', 'Video', 'Face to face', 'Telephone', 'Paper', 'Journey order', 'Line of visibility']) assert.ok(legend.includes(expected), expected);
    });
  });

  it('tells digital, video and hybrid apart from in-person channels', () => {
    const model = memoryModel(`study s "Channels" {
      frameworks: npt
      tool t "Tool"
      service a "A" {
        touchpoint d "Digital step" { channel: digital via: t }
        touchpoint v "Video step" { channel: video via: t }
        touchpoint h "Hybrid step" { channel: hybrid via: t }
        touchpoint f "Meeting" { channel: face_to_face }
        touchpoint p "Phone call" { channel: telephone }
        touchpoint l "Letter" { channel: paper }
      }
    }`);
    const layout = layoutBlueprint(model);
    assertCleanLayout(layout);
    const svg = renderBlueprintSvg(model);
    const frame = (name: string): string => {
      const group = new RegExp(`<g class="bp-touchpoint" data-name="${name}"><rect [^>]*/>`).exec(svg);
      assert.ok(group, name);
      return group[0];
    };
    assert.match(frame('d'), /stroke="#0f766e" stroke-width="2.5"\/>/);
    assert.match(frame('v'), /stroke="#6d28d9" stroke-width="2.5"\/>/);
    assert.match(frame('h'), /stroke="#0f766e" stroke-width="2.5" stroke-dasharray="7 4"\/>/);
    for (const quiet of ['f', 'p', 'l']) assert.match(frame(quiet), /stroke="#475569" stroke-width="1.5"\/>/);
    for (const badge of ['DIGITAL', 'VIDEO', 'HYBRID', 'FACE TO FACE', 'TELEPHONE', 'PAPER']) assert.ok(svg.includes(`>${badge}</text>`), badge);
  });

  it('escapes every piece of user text', () => {
    const evil = '<script>alert(1)</script>';
    const breakout = '\\"><img src=x onerror=alert(1)>';
    const model = memoryModel(`study s "${evil} & ${breakout}" {
      frameworks: npt
      tool t "${evil}" { platform: "${breakout}" }
      service a "${breakout}" {
        touchpoint one "${evil} ${breakout}" { channel: digital via: t stage: "${evil}" }
        touchpoint two "Second" { channel: paper stage: "${breakout}" }
      }
    }`);
    const svg = renderBlueprintSvg(model);
    assertWellFormedXml(svg);
    assert.ok(!/<script/i.test(svg), 'raw <script');
    assert.ok(!/<img/i.test(svg), 'raw <img');
    for (const tag of svg.match(/<[^>]*>/g) ?? []) assert.ok(!/onerror|<script|alert/i.test(tag), `user text inside a tag: ${tag}`);
    assert.ok(svg.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.ok(svg.includes('&quot;&gt;&lt;img'));
    assertCleanLayout(layoutBlueprint(model));
  });

  it('wraps long labels and unbroken identifiers inside their cards', () => {
    const long = 'A very long touchpoint label that keeps going to describe, in great detail, everything the service user and the practitioner do together at this step of the journey';
    const model = memoryModel(`study s "${long}" {
      frameworks: npt
      actor a_really_long_actor_name_without_any_spaces_at_all: service_user
      actor nurse: staff
      tool t "${long}" { platform: "${long}" codesigned: yes }
      service a "${long}" {
        touchpoint an_extremely_long_touchpoint_identifier_that_never_breaks "${long}" {
          channel: digital via: t stage: "${long}"
          actors: a_really_long_actor_name_without_any_spaces_at_all, nurse
        }
        touchpoint short "Short" { channel: telephone actors: nurse }
        touchpoint hidden "Hidden" { channel: paper backstage: yes via: t }
      }
    }`);
    const layout = layoutBlueprint(model);
    assertCleanLayout(layout);
    const card = layout.cards.find((c) => c.kind === 'touchpoint' && c.key.startsWith('an_extremely'));
    assert.ok(card && card.lines.length > 8, 'the card grew to hold the wrapped label');
    assert.equal(layout.cards.find((c) => c.key === 'short')?.lane, 'frontstage');
    assert.equal(layout.cards.find((c) => c.key === 'hidden')?.lane, 'backstage');
  });

  it('never throws on a broken or partial study, and still draws a clean layout', () => {
    const broken = [
      '',
      'study',
      'study s {',
      'study s "No services" { frameworks: npt }',
      `study s "Broken" {
        service empty "No touchpoints" { }
        service a {
          touchpoint nothing { }
          touchpoint bad "Bad refs" { channel: carrier_pigeon via: nope, npt actors: ghost stage: "x" backstage: maybe }
          touchpoint tp "Typo" { channel: digital via: missing_tool actors: nobody }
        }
        touchpoint stray "Outside a service" { channel: digital }
      }`,
      'actor a: staff\nservice s "Fragment service" { touchpoint t "In a fragment" { channel: video } }',
    ];
    for (const text of broken) {
      const model = memoryModel(text);
      const svg = renderBlueprintSvg(model);
      assertWellFormedXml(svg);
      assertCleanLayout(layoutBlueprint(model));
    }
  });

  it('stacks tools that share a touchpoint and keeps unused tools out of the drawing', () => {
    const model = memoryModel(`study s "Tools" {
      frameworks: npt
      tool a "Alpha app" tool b "Beta records" tool unused "Never used"
      service one "One" {
        touchpoint x "X" { channel: digital via: a, b }
        touchpoint y "Y" { channel: digital via: a }
      }
      service two "Two" {
        touchpoint z "Z" { channel: hybrid via: b }
      }
    }`);
    const layout = layoutBlueprint(model);
    assertCleanLayout(layout);
    const tools = layout.cards.filter((c) => c.kind === 'tool').map((c) => c.key);
    assert.deepEqual(tools, ['a', 'b', 'b']);
    assert.match(layout.description, /Never used/);
    assert.equal(layout.bands.filter((b) => b.kind === 'service').length, 2);
  });

  it('estimates widths deterministically and wraps within the limit', () => {
    assert.equal(escapeXml(`<a href="x">&'`), '&lt;a href=&quot;x&quot;&gt;&amp;&apos;');
    const font = { size: 13.5, weight: 600 as const };
    for (const line of wrapText('Plans shared with the wider team through the record system', 168, font)) assert.ok(textWidth(line, font) <= 168, line);
    assert.deepEqual(wrapText('abc', 100, font), ['abc']);
    assert.ok(wrapText('x'.repeat(80), 60, font).every((line) => textWidth(line, font) <= 60));
  });
});
