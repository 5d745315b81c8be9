import { keysOf } from '../../model/keys';
import { DIGITAL_CHANNELS } from '../../model/schema';
import { variant } from '../fixture';
import { Rule } from '../rule';

export const digitalWithoutEquity: Rule = {
  id: 'digital-without-equity',
  severity: 'warning',
  summary: 'The study has a digital, video or hybrid touchpoint but no question addresses an equity construct and no equity framework is excluded.',
  docs: 'Digital routes can leave people out. Select an equity framework (`digital_inclusion`, `progress_plus`) and ask about it, or exclude it with a reason.',
  scope: 'study',
  check({ model, report }) {
    if (!model.study) return;
    const digital = model.touchpoints.find((tp) => DIGITAL_CHANNELS.includes(keysOf(tp).channel ?? ''));
    if (!digital) return;
    const equityAsked = model.references.some((site) => site.expects === 'construct' && site.key === 'constructs' && !site.problem && site.framework?.kind === 'equity');
    const equityExcluded = model.references.some((site) => site.key === 'exclude' && !site.problem && site.framework?.kind === 'equity');
    if (equityAsked || equityExcluded) return;
    const keys = keysOf(digital);
    const range = keys.$property.channel?.values[0]?.range ?? digital.name.range;
    report({ file: digital.file, range, message: `'${digital.name.text}' is ${keys.channel}, but no question addresses digital inclusion or another equity framework` });
  },
  cases: {
    valid: [
      { name: 'an equity construct asked', code: variant('channel: face_to_face', 'channel: hybrid\n      via: app').replace('actor nurse: staff "Nurses"', 'actor nurse: staff "Nurses"\n  tool app "App"').replace('constructs: reaim.reach', 'constructs: reaim.reach, progress_plus.age').replace('frameworks: reaim.reach', 'frameworks: reaim.reach, progress_plus.age') },
      { name: 'an equity framework excluded', code: variant('channel: face_to_face', 'channel: hybrid\n      via: app').replace('actor nurse: staff "Nurses"', 'actor nurse: staff "Nurses"\n  tool app "App"').replace('frameworks: reaim.reach', 'frameworks: reaim.reach\n  exclude digital_inclusion "Everyone is offered a tablet and training."') },
    ],
    invalid: [{ name: 'digital with no equity', code: variant('channel: face_to_face', 'channel: [[digital]]\n      via: app').replace('actor nurse: staff "Nurses"', 'actor nurse: staff "Nurses"\n  tool app "App"'), messages: ['digital inclusion'] }],
  },
};
