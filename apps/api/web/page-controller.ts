import { Page } from '@accord/identity';
import { applyDecorators, Controller, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { SameOriginForms } from './session/same-origin-forms.guard';

/**
 * A controller of pages: its routes take the session cookie (`@Page()`), each still declaring who
 * may call it; its form POSTs must come from Accord's own pages; it is not part of the API's
 * OpenAPI description.
 */
export const PageController = (path = '') =>
  applyDecorators(Controller(path), Page(), UseGuards(SameOriginForms), ApiExcludeController());

/** The success banners a page shows after a form sent the visitor there (`?done=`). */
export const BANNERS: Readonly<Record<string, string>> = {
  'partnership-formed': 'Partnership formed',
  'engagement-opened': 'Engagement opened',
  'intervention-logged': 'Intervention logged',
  'milestone-planned': 'Milestone planned',
  'milestone-achieved': 'Milestone marked achieved',
  'milestone-signed-off': 'Milestone signed off',
  'milestone-rescheduled': 'Milestone rescheduled',
  'milestone-cancelled': 'Milestone cancelled',
  'saving-claimed': 'Saving claimed',
  'saving-verified': 'Saving verified',
  'saving-disputed': 'Saving disputed',
  'saving-revised': 'Saving revised',
  'saving-withdrawn': 'Saving withdrawn',
  'capacity-added': 'Capacity added',
  'measure-defined': 'Measure defined',
  'savings-line-set': 'Savings line set',
  'partnership-closed': 'Partnership closed',
  'engagement-closed': 'Engagement closed',
  'fee-revised': 'Fee revised',
  'intervention-completed': 'Intervention marked complete',
  'intervention-stopped': 'Intervention stopped',
  'reading-recorded': 'Reading recorded',
  'recipients-set': 'Report recipients saved',
  'report-queued': 'The report is on its way: it is sent within a few minutes',
  'capacity-ended': 'Capacity ended',
  'user-added': 'User added',
  'user-erased': 'User erased',
};

export function bannerFor(done: unknown): string | undefined {
  return typeof done === 'string' && Object.hasOwn(BANNERS, done) ? BANNERS[done] : undefined;
}
