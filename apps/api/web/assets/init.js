// GOV.UK Frontend's behaviour (error summary focus, notification banners…): pages work without it.
import { initAll } from '/assets/govuk-frontend.min.js';

initAll();
