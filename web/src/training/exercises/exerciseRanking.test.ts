import { afterEach, describe, expect, it } from "vitest";
import type { Exercise } from "../../api/trainingTypes";
import { rankExercises, readRecentExercises, rememberRecentExercise } from "./exerciseRanking";

const exercise = (id: string, name: string): Exercise => ({
  id,
  slug: null,
  name,
  category: "legs",
  primaryMuscles: [],
  secondaryMuscles: [],
  equipment: "barbell",
  kind: "weight_reps",
  custom: false,
  version: 1,
});

// The server's alphabetical answer to "squat", as a newcomer saw it.
const alphabetical = [
  exercise("a", "Air Squat"),
  exercise("b", "Box Squat"),
  exercise("c", "Bulgarian Split Squat"),
  exercise("d", "Front Squat"),
  exercise("e", "Goblet Squat"),
  exercise("f", "Overhead Squat"),
  exercise("g", "Squat (Barbell)"),
  exercise("h", "Squat Jump"),
];

describe("exercise search ranking", () => {
  afterEach(() => localStorage.clear());

  it("puts the exact name first, then prefixes, then the rest alphabetically", () => {
    const names = rankExercises(alphabetical, "squat", []).map((item) => item.name);
    expect(names.slice(0, 2)).toEqual(["Squat (Barbell)", "Squat Jump"]);
    expect(names.slice(2)).toEqual(["Air Squat", "Box Squat", "Bulgarian Split Squat", "Front Squat", "Goblet Squat", "Overhead Squat"]);
  });

  it("ranks the person's recent exercises first within a match group", () => {
    const names = rankExercises(alphabetical, "squat", ["d", "zzz", "e"]).map((item) => item.name);
    expect(names.slice(0, 4)).toEqual(["Squat (Barbell)", "Squat Jump", "Front Squat", "Goblet Squat"]);
  });

  it("with no query, recent exercises lead and the rest keep the server's order", () => {
    const names = rankExercises(alphabetical.slice(0, 4), "", ["c"]).map((item) => item.name);
    expect(names).toEqual(["Bulgarian Split Squat", "Air Squat", "Box Squat", "Front Squat"]);
  });

  it("remembers picks per person, newest first, without repeats", () => {
    rememberRecentExercise("u1", "a");
    rememberRecentExercise("u1", "b");
    rememberRecentExercise("u1", "a");
    expect(readRecentExercises("u1")).toEqual(["a", "b"]);
    expect(readRecentExercises("u2")).toEqual([]);
  });
});
