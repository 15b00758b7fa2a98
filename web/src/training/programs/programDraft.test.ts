import { describe, expect, it } from "vitest";
import { draftToProgramInput, newDraftExercise, parseRepRange, problemKeyForField, type DraftProgram } from "./programDraft";

const exercise = (id: string, changes = {}) => ({ ...newDraftExercise(id, id, "kg"), ...changes });

describe("program drafts", () => {
  it("reads a fixed count or a range of reps", () => {
    expect(parseRepRange("5")).toEqual({ min: 5, max: 5 });
    expect(parseRepRange("8–12")).toEqual({ min: 8, max: 12 });
    expect(parseRepRange("")).toEqual({ min: null, max: null });
    expect(parseRepRange("12-8")).toBeNull();
    expect(parseRepRange("many")).toBeNull();
  });

  it("numbers supersets per run of joined exercises and sends targets as numbers", () => {
    const draft: DraftProgram = {
      name: " Push pull ",
      notes: "",
      days: [
        {
          key: "d1",
          name: "Push",
          exercises: [
            exercise("bench", { reps: "5", targetWeight: "100", effortScale: "rir", effort: "2", restSeconds: "180" }),
            exercise("row", { supersetWithPrevious: true }),
            exercise("press"),
            exercise("curl"),
            exercise("pushdown", { supersetWithPrevious: true, targetWeight: "", effortScale: "rpe", effort: "8.5" }),
          ],
        },
      ],
    };
    const result = draftToProgramInput(draft);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.input.name).toBe("Push pull");
    expect(result.input.days[0]!.exercises.map((item) => item.supersetGroup)).toEqual([1, 1, null, 2, 2]);
    expect(result.input.days[0]!.exercises[0]).toEqual({
      exerciseId: "bench",
      supersetGroup: 1,
      targetSets: 3,
      repsMin: 5,
      repsMax: 5,
      targetWeight: 100,
      weightUnit: "kg",
      targetRpe: null,
      targetRir: 2,
      restSeconds: 180,
      notes: null,
    });
    expect(result.input.days[0]!.exercises[4]).toMatchObject({ targetWeight: null, weightUnit: null, targetRpe: 8.5, targetRir: null });
  });

  it("points at each box that breaks the contract's limits", () => {
    const result = draftToProgramInput({
      name: "",
      notes: "",
      days: [{ key: "d", name: " ", exercises: [exercise("x", { targetSets: "25", reps: "0", effortScale: "rpe", effort: "11" })] }],
    });
    expect(result).toEqual({
      ok: false,
      problems: {
        name: "Give the program a name.",
        "days.0.name": "Give the day a name.",
        "days.0.exercises.0.targetSets": "Sets are 1 to 20.",
        "days.0.exercises.0.reps": "Reps are a number like 5 or a range like 8-12 (1 to 1000).",
        "days.0.exercises.0.effort": "RPE is 1 to 10 in half steps.",
      },
    });
  });

  it("maps the server's field path onto the box", () => {
    expect(problemKeyForField("days[1].exercises[2].repsMax")).toBe("days.1.exercises.2.reps");
    expect(problemKeyForField("days[0].exercises[0].targetRir")).toBe("days.0.exercises.0.effort");
    expect(problemKeyForField("name")).toBe("name");
  });
});
