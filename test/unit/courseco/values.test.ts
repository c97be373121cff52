import { describe, expect, it } from 'vitest';
import { parseAmount, parseDate, parseRate } from '../../../main/courseco/values';

describe('parseAmount', () => {
  it.each([
    ['1234.5', '1234.5'],
    ['-20.00', '-20'],
    ['(20.00)', '-20'],
    ['€1,234.50', '1234.5'],
    ['-€1,234.50', '-1234.5'],
    ['€-5', '-5'],
    ['1.234,56', '1234.56'],
    ['1 234,56', '1234.56'],
    ['£99.99', '99.99'],
    ['EUR 12.00', '12'],
    ['20.00-', '-20'],
    ['0099.500', '99.5'],
    ['1,234', '1234'],
    ['12,5', '12.5'],
    ['1,234,567.89', '1234567.89'],
    ['0.00', '0'],
    ['-0.00', '0'],
  ])('reads %s as %s', (raw, expected) => {
    expect(parseAmount(raw)).toEqual({ ok: true, value: expected });
  });

  it('reads a lone dot group as thousands in comma-decimal files', () => {
    expect(parseAmount('1.234', true)).toEqual({ ok: true, value: '1234' });
    expect(parseAmount('1,234', true)).toEqual({ ok: true, value: '1.234' });
    expect(parseAmount('1.234')).toEqual({ ok: true, value: '1.234' });
  });

  it.each([['abc'], ['1.2.3'], ['12,34,5'], ['1,2.3,4'], ['€'], ['--5']])('refuses %s with the value in the reason', (raw) => {
    expect(parseAmount(raw)).toEqual({ ok: false, reason: `is not an amount: ${JSON.stringify(raw)}` });
  });

  it('says an empty cell is empty', () => {
    expect(parseAmount('  ')).toEqual({ ok: false, reason: 'is empty' });
  });
});

describe('parseRate', () => {
  it.each([
    ['23', '23'],
    ['23%', '23'],
    ['13,5 %', '13.5'],
    ['0.23', '23'],
    ['0', '0'],
  ])('reads %s as %s percent', (raw, expected) => {
    expect(parseRate(raw)).toEqual({ ok: true, value: expected });
  });

  it('refuses rates above 100 %', () => {
    expect(parseRate('230')).toEqual({ ok: false, reason: 'is not a VAT rate: "230"' });
  });
});

describe('parseDate', () => {
  it.each([
    ['05/03/2024', '2024-03-05'],
    ['5/3/2024', '2024-03-05'],
    ['05-03-2024', '2024-03-05'],
    ['05.03.24', '2024-03-05'],
    ['2024-03-05', '2024-03-05'],
    ['2024-03-05 23:59:59', '2024-03-05'],
    ['2024-03-05T10:11:12Z', '2024-03-05'],
    ['29/02/2024', '2024-02-29'],
  ])('reads %s as %s', (raw, expected) => {
    expect(parseDate(raw)).toEqual({ ok: true, value: expected });
  });

  it('reads month-first dates when the profile says so', () => {
    expect(parseDate('03/05/2024', 'mdy')).toEqual({ ok: true, value: '2024-03-05' });
  });

  it('refuses impossible calendar dates', () => {
    expect(parseDate('31/02/2024')).toEqual({ ok: false, reason: 'is not a calendar date: "31/02/2024"' });
    expect(parseDate('29/02/2023')).toEqual({ ok: false, reason: 'is not a calendar date: "29/02/2023"' });
  });

  it('names the expected formats when the text is not a date', () => {
    expect(parseDate('next Tuesday')).toEqual({ ok: false, reason: 'is not a date: "next Tuesday" (expected DD/MM/YYYY or YYYY-MM-DD)' });
  });
});
