import { keysOf } from '../../model/keys';
import { DIGITAL_CHANNELS } from '../../model/schema';
import { variant } from '../fixture';
import { Rule } from '../rule';

export const digitalWithoutTool: Rule = {
  id: 'digital-without-tool',
  severity: 'warning',
  summary: 'A digital, video or hybrid touchpoint has no `via`.',
  docs: 'Name the tool (`via: app`) so the blueprint shows it and the protocol says what is being evaluated at this point.',
  scope: 'file',
  check({ model, report }) {
    for (const touchpoint of model.touchpoints) {
      const keys = keysOf(touchpoint);
      const channel = keys.channel;
      if (!channel || !DIGITAL_CHANNELS.includes(channel) || keys.$property.via) continue;
      const range = keys.$property.channel?.values[0]?.range ?? touchpoint.name.range;
      report({ file: touchpoint.file, range, message: `This ${channel} touchpoint does not say which tool it happens through: add via:` });
    }
  },
  cases: {
    valid: [
      {
        name: 'digital with via',
        code: variant('channel: face_to_face', 'channel: video\n      via: app')
          .replace('actor nurse: staff "Nurses" { inclusion: "Works in the clinic" }', 'actor nurse: staff "Nurses" { inclusion: "Works in the clinic" }\n  tool app "Video platform"')
          .replace('constructs: reaim.reach', 'constructs: reaim.reach, digital_inclusion.access')
          .replace('frameworks: reaim.reach', 'frameworks: reaim.reach, digital_inclusion.access'),
      },
    ],
    invalid: [{ name: 'video without via', code: variant('channel: face_to_face', 'channel: [[video]]'), messages: ['add via:'] }],
  },
};
