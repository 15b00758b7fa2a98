import { describe, expect, it } from "vitest";
import { valueDomain } from "./chartFormat";

describe("value axis range", () => {
  it("gives one workout's value room instead of a ±2 axis", () => {
    expect(valueDomain([1300])).toEqual([1000, 1600]);
    expect(valueDomain([80, 80])).toEqual([70, 90]);
    expect(valueDomain([3])).toEqual([2.5, 3.5]);
    expect(valueDomain([0])).toEqual([0, 1]);
  });

  it("leaves a series that moves to the automatic range", () => {
    expect(valueDomain([100, 120])).toEqual(["auto", "auto"]);
    expect(valueDomain([])).toEqual(["auto", "auto"]);
  });
});
