import {
  engagementStream,
  interventionStream,
  parseStreamName,
  partnershipStream,
} from './streams';

const id = '0b9d6c1e-5f43-4c7a-9a5e-2f1f3b4c5d6e';

describe('stream names', () => {
  it('are the aggregate and its id', () => {
    expect(partnershipStream(id)).toBe(`partnership-${id}`);
    expect(engagementStream(id)).toBe(`engagement-${id}`);
    expect(interventionStream(id)).toBe(`intervention-${id}`);
  });

  it('read back into aggregate and id, keeping the dashes of a uuid', () => {
    expect(parseStreamName(interventionStream(id))).toEqual({ aggregate: 'intervention', id });
    expect(parseStreamName(`report-${id}`)).toBeUndefined();
    expect(parseStreamName('partnership-')).toBeUndefined();
    expect(parseStreamName('partnership')).toBeUndefined();
  });
});
