import { describe, expect, it } from "vitest";
import { defaultWorkoutName } from "./workoutName";

describe("default workout name", () => {
  it("names the weekday and the part of the day", () => {
    expect(defaultWorkoutName(new Date(2026, 11, 8, 7, 30))).toBe("Tuesday morning workout");
    expect(defaultWorkoutName(new Date(2026, 11, 8, 18, 0))).toBe("Tuesday evening workout");
    expect(defaultWorkoutName(new Date(2026, 11, 9, 1, 0))).toBe("Wednesday night workout");
  });
});
