import { codeInWords, humanise } from './format';

describe("a vocabulary's code in words", () => {
  it.each([
    ['placement_step_down', 'Placement step down', 'placement step down'],
    ['childrens_social_care', 'Children’s social care', 'children’s social care'],
    [
      'send',
      'SEND (special educational needs and disabilities)',
      'SEND (special educational needs and disabilities)',
    ],
    ['social_worker_fte', 'Social worker FTE', 'social worker FTE'],
    ['non_cashable', 'Non-cashable', 'non-cashable'],
    ['recurring_annual', 'Recurring every year', 'recurring every year'],
    ['self_reported', 'Self-reported', 'self-reported'],
  ])('%s is %s as a label and %s in a sentence', (code, label, inSentence) => {
    expect(humanise(code)).toBe(label);
    expect(codeInWords(code)).toBe(inSentence);
  });
});
