import { describe, expect, it } from "vitest";
import { formatWeight, fromKg, parseDecimal, toKg, weightInputValue } from "./units";

describe("weight units", () => {
  it("converts with the exact pound (0.45359237 kg)", () => {
    expect(toKg(225, "lb")).toBeCloseTo(102.0582833, 6);
    expect(fromKg(100, "lb")).toBeCloseTo(220.4622622, 6);
    expect(toKg(80, "kg")).toBe(80);
  });

  it("shows kilograms as pounds rounded to a tenth, always with the unit", () => {
    expect(formatWeight(100, "lb")).toBe("220.5 lb");
    expect(formatWeight(112.5, "kg")).toBe("112.5 kg");
    expect(formatWeight(toKg(225, "lb"), "lb")).toBe("225 lb");
    expect(formatWeight(null, "kg")).toBe("—");
  });

  it("fills a weight box without grouping separators", () => {
    expect(weightInputValue(1000, "kg")).toBe("1000");
    expect(weightInputValue(60, "lb")).toBe("132.3");
    expect(weightInputValue(null, "kg")).toBe("");
  });

  it("reads what people type on phones, comma decimals included", () => {
    expect(parseDecimal("82,5")).toBe(82.5);
    expect(parseDecimal(" 100 ")).toBe(100);
    expect(parseDecimal("")).toBeNull();
    expect(parseDecimal("-5")).toBeNaN();
    expect(parseDecimal("12kg")).toBeNaN();
  });
});
