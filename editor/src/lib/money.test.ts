import { describe, expect, it } from 'vitest';
import { changeSign, formatSigned, signedDifference, signedPercent } from './money';

describe('signed changes of figures', () => {
  it('writes the difference exactly, signed, with at least the places asked for', () => {
    expect(signedDifference('433.00', '463.00')).toBe('+30.00');
    expect(signedDifference('0.3', '0.1')).toBe('−0.20');
    expect(signedDifference('600.00', '600')).toBe('0.00');
    expect(signedDifference('0.57', '0.6', 0)).toBe('+0.03');
    expect(signedDifference('60', '65', 0)).toBe('+5');
    expect(signedDifference('0.1', '0.125')).toBe('+0.025');
    expect(signedDifference('1.005', '1.01')).toBe('+0.005');
  });

  it('writes the percentage of the old figure to one decimal, half up, and none of zero', () => {
    expect(signedPercent('395.00', '433.00')).toBe('+9.6%');
    expect(signedPercent('700.00', '670.00')).toBe('−4.3%');
    expect(signedPercent('400', '400.2')).toBe('+0.1%'); // 0.05 rounds up
    expect(signedPercent('0', '30')).toBeNull();
    expect(signedPercent('-100', '-90')).toBe('+10.0%');
  });

  it('keeps the places a figure was written with', () => {
    expect(formatSigned('30.00', 0)).toBe('+30.00');
    expect(formatSigned('-1.5', 0)).toBe('−1.5');
    expect(formatSigned('0', 2)).toBe('0.00');
  });

  it('tells the direction', () => {
    expect([changeSign('1', '2'), changeSign('2', '1'), changeSign('1.0', '1')]).toEqual([1, -1, 0]);
  });
});
