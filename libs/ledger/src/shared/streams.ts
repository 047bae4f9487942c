/** One stream per aggregate instance, named `<aggregate>-<id>`. */
export const AGGREGATES = ['partnership', 'engagement', 'intervention'] as const;
export type Aggregate = (typeof AGGREGATES)[number];

export const partnershipStream = (partnershipId: string): string => `partnership-${partnershipId}`;
export const engagementStream = (engagementId: string): string => `engagement-${engagementId}`;
export const interventionStream = (interventionId: string): string =>
  `intervention-${interventionId}`;

export function parseStreamName(
  streamName: string,
): Readonly<{ aggregate: Aggregate; id: string }> | undefined {
  const separator = streamName.indexOf('-');
  if (separator < 0) return undefined;
  const aggregate = streamName.slice(0, separator);
  const id = streamName.slice(separator + 1);
  if (id === '' || !AGGREGATES.includes(aggregate as Aggregate)) return undefined;
  return { aggregate: aggregate as Aggregate, id };
}
