import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { YearValues } from '../../src/core/year-values.js';
import { compoundRate } from '../../src/core/rates.js';

describe('YearValues', () => {
  it('reads back every year put in ascending order, the later value for a repeated year winning', () => {
    const v = new YearValues();
    v.put(2021, 5);
    v.put(2022, 6);
    v.put(2022, 6.5);
    v.put(2024, 7);
    expect(v.size).toBe(3);
    expect([...v]).toEqual([
      [2021, 5],
      [2022, 6.5],
      [2024, 7],
    ]);
    expect(v.get(2022)).toBe(6.5);
    expect(v.get(2023)).toBeUndefined();
    expect(v.get(2020)).toBeUndefined();
    expect(v.yearAt(2)).toBe(2024);
    expect(v.valueAt(2)).toBe(7);
  });

  it('refuses a year that comes after a later one, naming both', () => {
    const v = new YearValues();
    v.put(2023, 1);
    expect(() => v.put(2021, 2)).toThrow(/2021.*2023/);
  });

  it('finds every year as a Map would', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1990, max: 2060 }), { maxLength: 40 }), (years) => {
        const sorted = [...years].sort((a, b) => a - b);
        const v = new YearValues();
        const m = new Map<number, number>();
        for (const y of sorted) {
          v.put(y, y * 1.5);
          m.set(y, y * 1.5);
        }
        for (let y = 1989; y <= 2061; y++) expect(v.get(y)).toBe(m.get(y));
      }),
    );
  });
});

describe('compoundRate', () => {
  it('agrees with the power form to within rounding, and keeps small rates exact', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 100, noNaN: true }), fc.integer({ min: 1, max: 30 }), (ratio, years) => {
        expect(compoundRate(ratio, years)).toBeCloseTo(Math.pow(ratio, 1 / years) - 1, 12);
      }),
    );
    // (1 + 2⁻²³) over 10 years: 1.1920928315589711…e-8 (to 50 digits); pow(x, 0.1) − 1 gives 1.19209282445…e-8.
    const exact = 1.1920928315589711e-8;
    expect(Math.abs(compoundRate(1 + 2 ** -23, 10) - exact)).toBeLessThan(1e-22);
    expect(Math.abs(Math.pow(1 + 2 ** -23, 0.1) - 1 - exact)).toBeGreaterThan(1e-17);
  });
});
