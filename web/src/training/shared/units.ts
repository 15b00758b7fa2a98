/** Weights travel in kilograms; people may read and type them in pounds. */
export type WeightUnit = "kg" | "lb";

export const KG_PER_LB = 0.45359237;

export function toKg(value: number, unit: WeightUnit): number {
  return unit === "kg" ? value : value * KG_PER_LB;
}

export function fromKg(kg: number, unit: WeightUnit): number {
  return unit === "kg" ? kg : kg / KG_PER_LB;
}

/**
 * Rounds for display: plates come in 1.25 kg and 2.5 lb steps, so one decimal for kg and
 * one for lb keeps 112.5 kg and 247.5 lb exact while hiding conversion noise (99.79024 → 99.8).
 */
export function roundForDisplay(value: number): number {
  return Math.round(value * 10) / 10;
}

/** "112.5 kg", "248 lb"; the unit is always written so a number is never ambiguous. */
export function formatWeight(kg: number | null | undefined, unit: WeightUnit): string {
  if (kg === null || kg === undefined || Number.isNaN(kg)) return "—";
  const value = roundForDisplay(fromKg(kg, unit));
  return `${numberFormat.format(value)} ${unit}`;
}

/** A converted value for an input box: plain digits, no grouping, at most one decimal. */
export function weightInputValue(kg: number | null | undefined, unit: WeightUnit): string {
  if (kg === null || kg === undefined || Number.isNaN(kg)) return "";
  return String(roundForDisplay(fromKg(kg, unit)));
}

/**
 * Reads what a person typed ("82,5" on a phone with a comma keyboard works too).
 * Returns null for empty input and NaN for anything that is not a non-negative number.
 */
export function parseDecimal(text: string): number | null {
  const trimmed = text.trim().replace(",", ".");
  if (trimmed === "") return null;
  if (!/^\d+(\.\d+)?$|^\.\d+$/.test(trimmed)) return Number.NaN;
  return Number(trimmed);
}

const numberFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
