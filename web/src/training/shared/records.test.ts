import { describe, expect, it } from "vitest";
import type { PersonalRecord } from "../../api/trainingTypes";
import { epley } from "./e1rm";
import { celebrationLines, describeRecord, recordSetsSummary } from "./records";

const base: PersonalRecord = {
  exerciseId: "e1",
  exerciseName: "Bench press",
  type: "best_e1rm",
  value: 112.5,
  unit: "kg",
  atWeightKg: null,
  setId: "s1",
  workoutId: "w1",
  achievedAt: "2026-11-23T18:04:00Z",
  previous: 110,
};

describe("records", () => {
  it("names the record, its value and the one it beat", () => {
    expect(describeRecord(base, "kg")).toBe("best estimated 1RM 112.5 kg (was 110 kg)");
    expect(describeRecord({ ...base, previous: null }, "kg")).toBe("best estimated 1RM 112.5 kg (your first)");
    expect(describeRecord({ ...base, type: "most_reps_at_weight", value: 8, unit: "reps", atWeightKg: 100, previous: 7 }, "lb")).toBe(
      "most reps at 220.5 lb: 8 reps (was 7 reps)",
    );
    expect(describeRecord({ ...base, type: "longest_duration", value: 95, unit: "s", previous: undefined }, "kg")).toBe("longest time 1:35");
  });

  it("lists every record a set broke, the estimated 1RM first", () => {
    const lines = celebrationLines(
      [{ ...base, type: "best_set_volume", value: 500, previous: 450 }, { ...base, type: "heaviest_weight", value: 100, previous: 97.5 }, base],
      "kg",
    );
    expect(lines).toEqual(["best estimated 1RM 112.5 kg (was 110 kg)", "heaviest weight 100 kg (was 97.5 kg)", "best set volume 500 kg (was 450 kg)"]);
  });

  it("estimates 1RM with Epley only up to 12 reps", () => {
    expect(epley(90, 1)).toBeCloseTo(93, 6);
    expect(epley(100, 5)).toBeCloseTo(116.667, 3);
    expect(epley(90, 12)).toBeCloseTo(126, 6);
    expect(epley(90, 13)).toBeNull();
    expect(epley(0, 5)).toBeNull();
  });
});

describe("a workout's record summary", () => {
  it("counts the sets that set records, not every record they set", () => {
    const set = (records: number) => ({ records: Array.from({ length: records }, () => base) });
    expect(recordSetsSummary([set(4), set(4), set(3)])).toBe("3 sets with records");
    expect(recordSetsSummary([set(0), set(2)])).toBe("1 set with records");
    expect(recordSetsSummary([set(0)])).toBe("No new records");
  });
});
