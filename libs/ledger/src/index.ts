export * from './calendar/calendar-date';
export * from './calendar/financial-year';
export * from './calendar/month';
export * from './engagement/engagement.commands';
export * from './engagement/engagement.decider';
export * from './engagement/engagement.events';
export * from './intervention/intervention.commands';
export * from './intervention/intervention.decider';
export * from './intervention/intervention.events';
export * from './ledger-event';
// Every figure comes from SavingsFigureSteps; of the accrual rules only what shares a figure out
// exactly (the register's rows) leaves the ledger, so no reader rounds a figure of its own.
export {
  type AccruingSaving,
  type AttributedSaving,
  accruedExact,
  accruedNetExact,
  type ExactPence,
  GROSS_DENOMINATOR,
  NET_DENOMINATOR,
} from './money/accrual';
export * from './money/apportion';
export * from './money/pence';
export * from './money/savings-figures';
export * from './on-a-date/capacity';
export * from './on-a-date/milestone-status';
export * from './on-a-date/outcome';
export * from './partnership/partnership.commands';
export * from './partnership/partnership.decider';
export * from './partnership/partnership.events';
export * from './partnership/reportable-month';
export * from './partnership/savings-line';
export * from './placements/placement-pricing';
export * from './placements/reference-unit-costs';
export * from './savings/restatement';
export * from './savings/saving-lifecycle';
export * from './savings/saving-parts';
export * from './savings/savings-line-figures';
export { type Decider, type DomainCommand, type DomainEvent, fold } from './shared/decider';
export * from './shared/decision-context';
export * from './shared/domain-error';
export * from './shared/parent-streams';
export * from './shared/streams';
/** The field checks the deciders use, for an edge that checks a request before any stream is read. */
export * as fieldChecks from './shared/validation';
export {
  EMAIL_LIMIT,
  FREE_TEXT_LIMIT,
  isEmailAddress,
  isId,
  parseInstant,
} from './shared/validation';
export * from './shared/wording';
export * from './vocabularies/measure-catalogue';
export * from './vocabularies/vocabularies';
