import { describe, expect, it } from 'vitest';
import { money, moneyWhole, people, thousands, ukDate } from './format';

describe('money as councils print it', () => {
  it('pounds and pence with separators', () => {
    expect(money(123456)).toBe('£1,234.56');
    expect(money(5)).toBe('£0.05');
    expect(money(-250000)).toBe('−£2,500.00');
  });
  it('whole pounds round half away from zero', () => {
    expect(moneyWhole(123450)).toBe('£1,235');
    expect(moneyWhole(123449)).toBe('£1,234');
    expect(moneyWhole(-123450)).toBe('−£1,235');
  });
  it('£000 to one decimal place', () => {
    expect(thousands(123456789)).toBe('1,234.6');
    expect(thousands(-6300305)).toBe('−63.0');
    expect(thousands(4999)).toBe('0.0');
  });
  it('counts', () => {
    expect(people(1234567)).toBe('1,234,567');
  });
});

describe('dates', () => {
  it('print day/month/year', () => {
    expect(ukDate('2026-09-30')).toBe('30/09/2026');
  });
});
