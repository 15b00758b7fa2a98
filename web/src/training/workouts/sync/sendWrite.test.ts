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
      idempotencyKey: "6f1c1f0e-3b1a-4c2e-9d3f-0a1b2c3d4e5f",
      fallbackKey: "0d9e8f7a-6b5c-4d3e-8f1a-2b3c4d5e6f70",
    });

    expect(response).toEqual({ set: { id: "a1", reps: 6 }, records: [] });
    expect(server.callsTo("POST /training/workouts/w1/exercises/we1/sets")[0]!.headers.get("Idempotency-Key")).toBe("6f1c1f0e-3b1a-4c2e-9d3f-0a1b2c3d4e5f");
    const edit = server.callsTo("PUT /training/workouts/w1/sets/a1")[0]!;
    expect(edit.body).toEqual({ reps: 6, type: "working" });
    // The edit is another request: its own key, or the server would refuse the create's key with another body (422).
    expect(edit.headers.get("Idempotency-Key")).toBe("0d9e8f7a-6b5c-4d3e-8f1a-2b3c4d5e6f70");
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
        idempotencyKey: "1a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d",
      }),
    ).resolves.toBeUndefined();
  });
});
