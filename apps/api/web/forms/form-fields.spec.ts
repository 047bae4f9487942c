import { type FormField, formProblem, readForm } from './form-fields';

const FIELDS: FormField[] = [
  { api: 'amountPence', name: 'amount', label: 'Amount', kind: 'pounds' },
  { api: 'startsOn', label: 'Start date', kind: 'date' },
  { api: 'endsOn', label: 'End date', kind: 'date', optional: true },
  {
    api: 'kind',
    label: 'Kind',
    kind: 'radios',
    options: [{ value: 'cashable', text: 'Cashable' }],
  },
  { api: 'baseline.value', name: 'baselineValue', label: 'Baseline', kind: 'number' },
  { api: 'basis', label: 'Basis', kind: 'textarea' },
];

describe("a page's form read into the API's body", () => {
  it('turns pounds into pence, three date parts into a date, and nests dotted fields', () => {
    const { api, problems } = readForm(FIELDS, {
      amount: '£1,234.56',
      'startsOn-day': '1',
      'startsOn-month': '4',
      'startsOn-year': '2026',
      kind: 'cashable',
      baselineValue: '22',
      basis: 'Two step-downs',
    });
    expect(problems).toEqual([]);
    expect(api).toEqual({
      amountPence: 123_456,
      startsOn: '2026-04-01',
      kind: 'cashable',
      baseline: { value: 22 },
      basis: 'Two step-downs',
    });
  });

  it('names each field it cannot read, keeping what was typed', () => {
    const { typed, problems } = readForm(FIELDS, {
      amount: '12,34.5',
      'startsOn-day': '31',
      'startsOn-month': '2',
      'startsOn-year': '2026',
      'endsOn-day': '1',
      baselineValue: 'many',
    });
    expect(typed.amount).toBe('12,34.5');
    expect(typed.startsOn).toEqual({ day: '31', month: '2', year: '2026' });
    expect(problems).toEqual([
      { field: 'amount', message: 'Amount must be an amount in pounds and pence, like 1,234.56' },
      { field: 'startsOn', message: 'Start date must be a real date' },
      { field: 'endsOn', message: 'End date must include a day, month and year' },
      { field: 'kind', message: 'Select kind' },
      { field: 'baselineValue', message: 'Baseline must be a number, like 2' },
      { field: 'basis', message: 'Enter basis' },
    ]);
  });

  it("says the API's problems in the form's words, at the field they came from", () => {
    expect(
      formProblem(FIELDS, {
        field: 'endsOn',
        code: 'invalid_range',
        message: 'endsOn must not be before startsOn',
      }),
    ).toEqual({ field: 'endsOn', message: 'End date must not be before start date' });
    expect(
      formProblem(FIELDS, {
        field: 'amountPence',
        code: 'isSavingPence',
        message: 'Amount must be more than £0',
      }),
    ).toEqual({ field: 'amount', message: 'Amount must be more than £0' });
    expect(
      formProblem(FIELDS, { field: 'saving', code: 'x', message: 'Already verified' }),
    ).toEqual({ message: 'Already verified' });
  });

  it('reads a negative amount or one past the limit as such, for the API to say which (issue 23)', () => {
    const read = (amount: string) => readForm([FIELDS[0]], { amount });
    expect(read('-500')).toMatchObject({ api: { amountPence: -50_000 }, problems: [] });
    expect(read('£-1,000.5')).toMatchObject({ api: { amountPence: -100_050 }, problems: [] });
    expect(read('£1,000,000,000,000')).toMatchObject({
      api: { amountPence: 1_000_000_000_000 },
      problems: [],
    });
    expect(read('£9,999,999,999.99')).toMatchObject({ api: { amountPence: 999_999_999_999 } });
    expect(read('12,34.5').problems).toHaveLength(1);
  });
});
