import { describe, expect, it } from 'vitest';
import { parseSettings } from './charging';
import { backlogModel, listOf } from './charging_backlog';
import { financialYearOf, measureValue } from './insight';
import { expressionOf } from './ledger';
import { trendSettings } from './pages';

const none = { setting: '', reason: '', ageFrom: '', ageTo: '', costFrom: '', costTo: '', directPayment: '', extra: '' };

describe('ledger filters', () => {
  it('are every open package when nothing is chosen', () => {
    expect(expressionOf(none)).toBe('open lines > 0');
  });
  it('join every filter given with "and", the free expression in brackets', () => {
    expect(expressionOf({ ...none, setting: 'residential', ageFrom: '18', ageTo: '64', costFrom: '1800', extra: 'waking night or sleep in' }))
      .toBe('open lines > 0 and setting is residential and age >= 18 and age <= 64 and weekly cost >= 1800 and (waking night or sleep in)');
  });
});

describe('charging option settings', () => {
  it('read "parameter = value" lines, ignoring blank ones', () => {
    expect(parseSettings('policy.count_night_element = yes\n\n policy.dre_higher_rate_extra=10.00 ')).toEqual({
      'policy.count_night_element': 'yes',
      'policy.dre_higher_rate_extra': '10.00',
    });
  });
  it('refuse a line without "=" and name it', () => {
    expect(() => parseSettings('policy.count_night_element yes')).toThrow('"policy.count_night_element yes" is not "parameter = value"');
  });
});

describe('the reassessment backlog form', () => {
  it('reads a list of values as typed', () => {
    expect(listOf(' 4, 4.5 ,, 3')).toEqual(['4', '4.5', '3']);
  });
  it('sends a model in the layout of a model file, the backlog from the ledger', () => {
    const option = { name: 'Four officers', officers: '4, 4', per_officer: '167', increase: '11.06', decay: '20%', likelihood: '100%, 77%', officer_cost: '' };
    expect(backlogModel('Clear it', '2026/27', '52.14', true, '', '12', [option])).toEqual({
      name: 'Clear it', first_year: '2026/27', weeks_per_year: '52.14', backlog: 'ledger', overdue_months: 12,
      options: [{ name: 'Four officers', officers: ['4', '4'], per_officer: '167', increase: '11.06', likelihood: ['100%', '77%'], decay: '20%' }],
    });
    expect(backlogModel('Clear it', '2026/27', '52', false, '2000', '12', [option]).backlog).toBe('2000');
  });
});

describe('benchmarks and projections', () => {
  it('show a measure to its published decimals, and a missing one as a dash', () => {
    expect(measureValue(284500, 1)).toBe('28.5');
    expect(measureValue(12345678, 0)).toBe('1,235');
    expect(measureValue(null, 1)).toBe('–');
  });
  it('put a date in its financial year, April to March', () => {
    expect(financialYearOf('2026-09-30')).toBe(2026);
    expect(financialYearOf('2027-03-31')).toBe(2026);
    expect(financialYearOf('2027-04-01')).toBe(2027);
  });
});

describe('the spend trend', () => {
  it('charts every setting seen at any point, in the order first seen', () => {
    expect(trendSettings([{ weekly_by_setting_pence: { community: 1 } }, { weekly_by_setting_pence: { nursing: 2, community: 3 } }]))
      .toEqual(['community', 'nursing']);
  });
});
