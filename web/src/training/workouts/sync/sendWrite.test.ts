import { describe, expect, it } from "vitest";
import { apiError, fakeServer, json } from "../../../../test/fakeServer";
import { sendWrite } from "./sendWrite";

describe("sending one queued write", () => {
  it("turns a create refused as set_conflict (an earlier attempt landed, then the set was edited) into an edit of that set", async () => {
    document.cookie = "ff_csrf=t; Path=/";
    const server = fakeServer({
      "POST /training/workouts/w1/exercises/we1/sets": apiError(409, "set_conflict", "That set id is taken."),
      "PUT /training/workouts/w1/sets/a1": json(200, { set: { id: "a1", reps: 6 }, records: [] }),
    });

    const response = await sendWrite({
      key: "set:a1",
      workoutId: "w1",
      method: "POST",
      path: "/training/workouts/w1/exercises/we1/sets",
      body: { id: "a1", reps: 6, type: "working" },
      meta: { action: "create_set", setId: "a1", workoutExerciseId: "we1" },
      attempts: 1,
    });

    expect(response).toEqual({ set: { id: "a1", reps: 6 }, records: [] });
    expect(server.callsTo("PUT /training/workouts/w1/sets/a1")[0]!.body).toEqual({ reps: 6, type: "working" });
  });

  it("counts a delete of a set that is already gone as done", async () => {
    fakeServer({ "DELETE /training/workouts/w1/sets/a1": apiError(404, "not_found") });
    await expect(
      sendWrite({
        key: "set:a1",
        workoutId: "w1",
        method: "DELETE",
        path: "/training/workouts/w1/sets/a1",
        meta: { action: "delete_set", setId: "a1", workoutExerciseId: "we1" },
        attempts: 0,
      }),
    ).resolves.toBeUndefined();
  });
});
