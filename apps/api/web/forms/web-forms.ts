import { ENGAGEMENT_FORMS } from '../engagements/engagement.forms';
import { INTERVENTION_FORMS } from '../interventions/intervention.forms';
import { PARTNERSHIP_FORMS } from '../partnerships/partnership.forms';
import { USER_FORMS } from '../users/user.forms';
import { formsController } from './forms-controller';

/**
 * Every form of the pages, a controller per table. Adding a form is adding a row to its table;
 * its routes, access rule and banner follow from the row.
 */
const TABLES = [
  ['PartnershipForms', 'partnerships', PARTNERSHIP_FORMS],
  ['EngagementForms', 'engagements', ENGAGEMENT_FORMS],
  ['InterventionForms', 'interventions', INTERVENTION_FORMS],
  ['UserForms', 'users', USER_FORMS],
] as const;

/** Listed in the web module before the pages' own controllers: `partnerships/new` before `:id`. */
export const FORM_CONTROLLERS = TABLES.map(([name, path, table]) =>
  formsController(name, path, table),
);

/** The success banners a page shows after a form sent the visitor there (`?done=`). */
export const BANNERS: Readonly<Record<string, string>> = {
  ...Object.fromEntries(TABLES.flatMap(([, , table]) => table.map((form) => form.banner))),
  'report-queued': 'The report is on its way: it is sent within a few minutes',
};

export function bannerFor(done: unknown): string | undefined {
  return typeof done === 'string' && Object.hasOwn(BANNERS, done) ? BANNERS[done] : undefined;
}
