import { describe, expect, it, vi } from "vitest";
import { ApiError } from "../../../api/errors";
import { WriteQueue, type NewWrite, type PendingWrite } from "./writeQueue";

const offline = () => new ApiError({ status: 0, code: "network_error", message: "offline" });

/** Timers the test fires by hand, so retries happen exactly when the test says. */
function manualTimers() {
  const scheduled: { callback: () => void; ms: number }[] = [];
  return {
    scheduled,
    setTimer: (callback: () => void, ms: number) => scheduled.push({ callback, ms }),
    clearTimer: () => undefined,
    fire: () => scheduled.shift()?.callback(),
  };
}

const setWrite = (id: string, reps = 5): NewWrite => ({
  key: `set:${id}`,
  workoutId: "w1",
  method: "POST",
  path: "/training/workouts/w1/exercises/we1/sets",
  body: { id, reps },
  meta: { action: "create_set", setId: id, workoutExerciseId: "we1" },
});

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("the offline write queue", () => {
  it("retries a write that failed on the network with the very same id and body", async () => {
    const timers = manualTimers();
    const sent: unknown[] = [];
    const send = vi.fn(async (write: PendingWrite) => {
      sent.push(structuredClone(write.body));
      if (sent.length === 1) throw offline();
      return { set: { id: (write.body as { id: string }).id }, records: [] };
    });
    const queue = new WriteQueue({ storageKey: "q", send, ...timers });
    const outcomes: string[] = [];
    queue.onOutcome((outcome) => outcomes.push(outcome.kind));

    queue.enqueue(setWrite("a1"));
    await settle();
    expect(queue.getState()).toMatchObject({ waitingToRetry: true, lastFailure: { status: 0 } });
    expect(queue.getState().pending).toHaveLength(1);
    expect(timers.scheduled[0]!.ms).toBe(1000);

    timers.fire();
    await settle();

    expect(sent).toEqual([
      { id: "a1", reps: 5 },
      { id: "a1", reps: 5 },
    ]);
    expect(outcomes).toEqual(["sent"]);
    expect(queue.getState()).toMatchObject({ pending: [], waitingToRetry: false, lastFailure: null });
  });

  it("backs off further after each failure and retries at once when asked", async () => {
    const timers = manualTimers();
    const send = vi.fn().mockRejectedValueOnce(offline()).mockRejectedValueOnce(offline()).mockResolvedValue({});
    const queue = new WriteQueue({ storageKey: "q", send, ...timers, retryDelays: [100, 500] });

    queue.enqueue(setWrite("a1"));
    await settle();
    timers.fire();
    await settle();
    expect(timers.scheduled.map((timer) => timer.ms)).toEqual([500]);

    queue.retryNow();
    await settle();
    expect(send).toHaveBeenCalledTimes(3);
    expect(queue.getState().pending).toEqual([]);
  });

  it("sends in order and holds later writes while the first waits to be retried", async () => {
    const timers = manualTimers();
    const order: string[] = [];
    let fail = true;
    const send = vi.fn(async (write: PendingWrite) => {
      order.push(write.key);
      if (fail) {
        fail = false;
        throw offline();
      }
    });
    const queue = new WriteQueue({ storageKey: "q", send, ...timers });

    queue.enqueue(setWrite("a1"));
    queue.enqueue(setWrite("a2"));
    await settle();
    expect(order).toEqual(["set:a1"]);

    timers.fire();
    await settle();
    expect(order).toEqual(["set:a1", "set:a1", "set:a2"]);
  });

  it("drops a write the server refuses and reports why, then carries on", async () => {
    const refused = new ApiError({ status: 400, code: "validation_failed", message: "reps must be 0–1000", field: "reps" });
    const send = vi.fn().mockRejectedValueOnce(refused).mockResolvedValue({});
    const queue = new WriteQueue({ storageKey: "q", send, ...manualTimers() });
    const outcomes: unknown[] = [];
    queue.onOutcome((outcome) => outcomes.push(outcome));

    queue.enqueue(setWrite("bad", 5000));
    queue.enqueue(setWrite("good"));
    await settle();

    expect(outcomes).toEqual([
      { kind: "rejected", write: expect.objectContaining({ key: "set:bad" }), error: refused },
      { kind: "sent", write: expect.objectContaining({ key: "set:good" }), response: {} },
    ]);
    expect(queue.getState().pending).toEqual([]);
  });

  it("keeps waiting writes in storage, and a new page sends them", async () => {
    const storage = window.localStorage;
    const first = new WriteQueue({ storage, storageKey: "fitfolio.pendingWrites.u1", send: () => Promise.reject(offline()), ...manualTimers() });
    first.enqueue(setWrite("a1"));
    await settle();
    first.dispose();
    expect(JSON.parse(storage.getItem("fitfolio.pendingWrites.u1")!)).toEqual([
      expect.objectContaining({ key: "set:a1", body: { id: "a1", reps: 5 }, attempts: 1 }),
    ]);

    const send = vi.fn().mockResolvedValue({});
    const second = new WriteQueue({ storage, storageKey: "fitfolio.pendingWrites.u1", send, ...manualTimers() });
    expect(second.getState().pending).toHaveLength(1);
    second.retryNow();
    await settle();

    expect(send).toHaveBeenCalledWith(expect.objectContaining({ key: "set:a1", body: { id: "a1", reps: 5 } }));
    expect(storage.getItem("fitfolio.pendingWrites.u1")).toBeNull();
  });

  it("folds an edit into a create that has not gone out yet, keeping the set's id", async () => {
    const timers = manualTimers();
    const send = vi.fn().mockRejectedValueOnce(offline()).mockResolvedValue({});
    const queue = new WriteQueue({ storageKey: "q", send, ...timers });
    queue.enqueue(setWrite("a1"));
    await settle();

    queue.enqueue({ ...setWrite("a1"), method: "PUT", body: { reps: 6 } }, (waiting) => ({ ...waiting, body: { ...(waiting.body as object), reps: 6 } }));
    await settle();
    timers.fire();
    await settle();

    expect(send).toHaveBeenCalledTimes(2);
    expect(send.mock.calls[1]![0]).toMatchObject({ method: "POST", body: { id: "a1", reps: 6 } });
  });

  it("never replaces a write that is on the wire; the edit follows it", async () => {
    let release: () => void = () => undefined;
    const send = vi.fn((write: PendingWrite) => (write.method === "POST" ? new Promise<void>((resolve) => (release = resolve)) : Promise.resolve()));
    const queue = new WriteQueue({ storageKey: "q", send, ...manualTimers() });
    queue.enqueue(setWrite("a1"));
    await settle();

    queue.enqueue({ ...setWrite("a1"), method: "PUT", body: { reps: 6 } }, () => ({ ...setWrite("a1"), body: { id: "a1", reps: 6 } }));
    release();
    await settle();

    expect(send.mock.calls.map(([write]) => write.method)).toEqual(["POST", "PUT"]);
  });
});

describe("the write queue on an asynchronous store (IndexedDB in the browser)", () => {
  /** A store whose load the test releases, holding what was last saved. */
  function heldStore(kept: PendingWrite[]) {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const saves: string[][] = [];
    return {
      saves,
      release,
      store: {
        load: async () => {
          await gate;
          return kept;
        },
        save: async (pending: PendingWrite[]) => void saves.push(pending.map((write) => write.key)),
      },
    };
  }

  it("keeps the writes of an earlier visit ahead of new ones, saves nothing over them, and sends in that order", async () => {
    const earlier = { ...setWrite("old"), attempts: 3, idempotencyKey: "5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e" };
    const held = heldStore([earlier]);
    const sent: string[] = [];
    const queue = new WriteQueue({ storageKey: "q", store: held.store, send: async (write) => void sent.push(write.key), ...manualTimers() });

    queue.enqueue(setWrite("new"));
    await settle();
    expect(sent).toEqual([]);
    expect(held.saves).toEqual([]);

    held.release();
    await queue.ready;
    await settle();

    expect(sent).toEqual(["set:old", "set:new"]);
    expect(held.saves[0]).toEqual(["set:old", "set:new"]);
    expect(held.saves.at(-1)).toEqual([]);
  });
});

describe("idempotency keys", () => {
  const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

  it("makes one UUID v4 per write and sends the same one on every retry", async () => {
    const timers = manualTimers();
    const keys: string[] = [];
    const send = vi.fn(async (write: PendingWrite) => {
      keys.push(write.idempotencyKey);
      if (keys.length <= 2) throw offline();
    });
    const queue = new WriteQueue({ storageKey: "q", send, ...timers });
    queue.enqueue(setWrite("a1"));
    queue.enqueue(setWrite("a2"));
    await settle();
    timers.fire();
    await settle();
    timers.fire();
    await settle();

    expect(keys).toHaveLength(4);
    expect(keys[0]).toMatch(UUID_V4);
    expect(keys.slice(0, 3)).toEqual([keys[0], keys[0], keys[0]]);
    expect(keys[3]).toMatch(UUID_V4);
    expect(keys[3]).not.toBe(keys[0]);
  });

  it("stores the key with the write, so the next page retries with it", async () => {
    const saved: PendingWrite[][] = [];
    const store = { load: async () => saved.at(-1) ?? [], save: async (pending: PendingWrite[]) => void saved.push(pending) };
    const first = new WriteQueue({ storageKey: "q", store, send: () => Promise.reject(offline()), ...manualTimers() });
    await first.ready;
    first.enqueue(setWrite("a1"));
    await settle();
    first.dispose();
    const key = saved.at(-1)![0]!.idempotencyKey;
    expect(key).toMatch(UUID_V4);

    const send = vi.fn().mockResolvedValue({});
    const second = new WriteQueue({ storageKey: "q", store, send, ...manualTimers() });
    await second.ready;
    second.retryNow();
    await settle();
    expect(send).toHaveBeenCalledWith(expect.objectContaining({ key: "set:a1", idempotencyKey: key }));
  });

  it("gives a write replaced by new content a new key (an attempt of the old content may have landed under the old one)", async () => {
    const timers = manualTimers();
    const send = vi.fn().mockRejectedValueOnce(offline()).mockResolvedValue({});
    const queue = new WriteQueue({ storageKey: "q", send, ...timers });
    queue.enqueue(setWrite("a1"));
    await settle();
    const before = (send.mock.calls[0]![0] as PendingWrite).idempotencyKey;

    queue.enqueue({ ...setWrite("a1"), method: "PUT", body: { reps: 6 } }, (waiting) => ({ ...waiting, body: { ...(waiting.body as object), reps: 6 } }));
    timers.fire();
    await settle();

    const after = send.mock.calls[1]![0] as PendingWrite;
    expect(after.body).toEqual({ id: "a1", reps: 6 });
    expect(after.idempotencyKey).toMatch(UUID_V4);
    expect(after.idempotencyKey).not.toBe(before);
  });

  it("gives writes kept without a key (an older version of the app) one, kept from then on", async () => {
    const legacy = { ...setWrite("old"), attempts: 0 } as unknown as PendingWrite;
    delete (legacy as Partial<PendingWrite>).idempotencyKey;
    const keys: string[] = [];
    const send = vi.fn(async (write: PendingWrite) => {
      keys.push(write.idempotencyKey);
      if (keys.length === 1) throw offline();
    });
    const timers = manualTimers();
    const queue = new WriteQueue({ storageKey: "q", store: { load: async () => [legacy], save: async () => undefined }, send, ...timers });
    await queue.ready;
    queue.retryNow();
    await settle();
    timers.fire();
    await settle();
    expect(keys).toEqual([expect.stringMatching(UUID_V4), keys[0]]);
  });

  it("retries when the server says the first attempt with the key is still running", async () => {
    const timers = manualTimers();
    const inFlight = new ApiError({ status: 409, code: "idempotency_key_in_flight", message: "still running" });
    const send = vi.fn().mockRejectedValueOnce(inFlight).mockResolvedValue({});
    const queue = new WriteQueue({ storageKey: "q", send, ...timers });
    const outcomes: string[] = [];
    queue.onOutcome((outcome) => outcomes.push(outcome.kind));
    queue.enqueue(setWrite("a1"));
    await settle();
    timers.fire();
    await settle();
    expect(outcomes).toEqual(["sent"]);
    expect(send.mock.calls.map(([write]) => (write as PendingWrite).idempotencyKey)).toEqual([
      expect.any(String),
      (send.mock.calls[0]![0] as PendingWrite).idempotencyKey,
    ]);
  });
});
