import type { HttpMethod } from "../../../api/client";
import { ApiError } from "../../../api/errors";
import type { ExerciseKind } from "../../../api/trainingTypes";

/** A set write: what the logger lays over the server's copy while it waits. */
export interface SetWriteMeta {
  action: "create_set" | "update_set" | "delete_set";
  setId: string;
  workoutExerciseId: string;
}

/** An exercise added to the workout under a client-made id; enough to show it before it lands. */
export interface AddExerciseMeta {
  action: "add_exercise";
  workoutExerciseId: string;
  exerciseId: string;
  exerciseName: string;
  kind: ExerciseKind;
}

/** An exercise skipped or back on. */
export interface SkipExerciseMeta {
  action: "skip_exercise";
  workoutExerciseId: string;
  skipped: boolean;
}

/** An exercise without sets swapped for another (the workout exercise keeps its id). */
export interface SwapExerciseMeta {
  action: "swap_exercise";
  workoutExerciseId: string;
  exerciseId: string;
  exerciseName: string;
  kind: ExerciseKind;
}

/** The workout's exercises put in this order (the moved one named, for the messages). */
export interface ReorderMeta {
  action: "reorder";
  workoutExerciseId: string;
  order: string[];
}

export type ExerciseWriteMeta = AddExerciseMeta | SkipExerciseMeta | SwapExerciseMeta | ReorderMeta;
export type WriteMeta = SetWriteMeta | ExerciseWriteMeta;

/**
 * One change to a workout that must reach the server. `key` names what it changes (a set id,
 * "exercise:<id>", "finish:<workout>") so a later edit of the same thing replaces a write still waiting, and a
 * retry sends the very same ids: the server treats the repeat as the same write, never a copy.
 */
export interface PendingWrite {
  key: string;
  workoutId: string;
  method: HttpMethod;
  path: string;
  body?: unknown;
  /** What the write does, for showing it before it lands (see pendingSets.ts). */
  meta?: WriteMeta;
  /** Failed attempts so far; drives the back-off. */
  attempts: number;
  /**
   * Sent as `Idempotency-Key` (a UUID v4): made once when the write is queued, stored with it, and the same on every
   * retry, so the server answers a repeat with the first answer. A write replaced by new content gets a new one.
   */
  idempotencyKey: string;
  /** The key of the edit a create turns into when its set already exists (sendWrite.ts): another write, another key. */
  fallbackKey?: string;
}

/** A write as the logger hands it over; the queue adds the attempt count and the keys. */
export type NewWrite = Omit<PendingWrite, "attempts" | "idempotencyKey" | "fallbackKey">;

export type WriteOutcome = { kind: "sent"; write: PendingWrite; response: unknown } | { kind: "rejected"; write: PendingWrite; error: ApiError };

export interface QueueState {
  pending: PendingWrite[];
  /** True while the head write waits to be retried after a failure that was not its fault. */
  waitingToRetry: boolean;
  lastFailure: ApiError | null;
}

export type Send = (write: PendingWrite) => Promise<unknown>;

/** Where the queue keeps its writes between visits (IndexedDB in the browser: queueRegistry.ts). */
export interface QueueStore {
  load(): Promise<PendingWrite[]>;
  save(pending: PendingWrite[]): Promise<void>;
}

export interface WriteQueueOptions {
  /** Synchronous storage, for tests and browsers without IndexedDB; `store` wins when both are given. */
  storage?: Storage | null;
  storageKey: string;
  store?: QueueStore;
  send: Send;
  /** Milliseconds before retry n (the last one repeats). */
  retryDelays?: number[];
  setTimer?: (callback: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  /** Makes idempotency keys (default crypto.randomUUID, a UUID v4). */
  newKey?: () => string;
}

const DEFAULT_DELAYS = [1_000, 2_000, 5_000, 10_000, 30_000];

/**
 * Network trouble, the server struggling, "slow down", or the first attempt with this idempotency key still running
 * on the server: worth trying again with the same write.
 */
export function isRetryable(error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  if (error.status === 409 && error.code === "idempotency_key_in_flight") return true;
  return error.status === 0 || error.status === 408 || error.status === 429 || error.status >= 500;
}

/**
 * Sends workout writes one at a time, in order (a set must not overtake the exercise it belongs
 * to), keeps them in storage so a closed tab or a dead phone battery loses nothing, and retries
 * network failures with the same body until they go through. A write the server refuses (4xx)
 * is dropped and reported: repeating it would be refused again.
 */
export class WriteQueue {
  private pending: PendingWrite[];
  private sending = false;
  private timer: unknown = null;
  private lastFailure: ApiError | null = null;
  private readonly listeners = new Set<() => void>();
  private readonly outcomeListeners = new Set<(outcome: WriteOutcome) => void>();
  private snapshot: QueueState;
  private readonly delays: number[];
  private readonly setTimer: (callback: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;
  private readonly newKey: () => string;
  private loaded = false;
  /** Saves run one after another, so an older list never lands after a newer one. */
  private saving: Promise<void> = Promise.resolve();
  /** Settles once the writes kept from earlier visits are in the queue (at once with sync storage). */
  readonly ready: Promise<void>;

  constructor(private readonly options: WriteQueueOptions) {
    this.delays = options.retryDelays ?? DEFAULT_DELAYS;
    this.setTimer = options.setTimer ?? ((callback, ms) => globalThis.setTimeout(callback, ms));
    this.clearTimer = options.clearTimer ?? ((handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>));
    this.newKey = options.newKey ?? (() => crypto.randomUUID());
    this.pending = options.store ? [] : this.load().map((write) => this.keyed(write));
    this.loaded = !options.store;
    this.snapshot = this.makeSnapshot();
    this.ready = options.store ? this.loadStore(options.store) : Promise.resolve();
  }

  /** Kept writes go first: they were made before anything enqueued while they loaded. */
  private async loadStore(store: QueueStore): Promise<void> {
    let kept: PendingWrite[] = [];
    try {
      kept = (await store.load()).filter((item) => typeof item?.key === "string" && typeof item?.path === "string");
    } catch {
      /* unreadable: the queue still works for this page */
    }
    const fresh = this.pending.filter((write) => !kept.some((item) => item.key === write.key));
    this.pending = [...kept.map((write) => this.keyed({ ...write, attempts: 0 })), ...fresh];
    this.loaded = true;
    this.changed();
    // Writes made while loading go out now; kept ones wait for retryNow() from a listener (queueRegistry.ts).
    if (fresh.length > 0) void this.flush();
  }

  /**
   * Adds a write and starts sending. A write with the same key that is still waiting (not on the
   * wire) is replaced in its place, by `combine(waiting)` when given (an edit of a set whose
   * create has not gone out yet stays a create, with the new values) or else by `write`.
   */
  enqueue(write: NewWrite, combine?: (waiting: PendingWrite) => NewWrite | null): void {
    const index = this.pending.findIndex((item, at) => item.key === write.key && !(at === 0 && this.sending));
    if (index >= 0) {
      const replacement = combine ? combine(this.pending[index]!) : write;
      // New content is a new logical write: an earlier attempt may have landed under the old key with the old body.
      if (replacement) this.pending[index] = this.fresh(replacement);
      else this.pending.splice(index, 1);
    } else {
      this.pending.push(this.fresh(write));
    }
    this.changed();
    void this.flush();
  }

  /** Drops waiting writes that match, e.g. a set's writes once the set is deleted before it synced. */
  discard(predicate: (write: PendingWrite) => boolean): void {
    const keep = this.pending.filter((write, index) => (index === 0 && this.sending) || !predicate(write));
    if (keep.length === this.pending.length) return;
    this.pending = keep;
    this.changed();
  }

  /** Tries the waiting writes now (e.g. the browser says it is back online). */
  retryNow(): void {
    if (this.timer !== null) {
      this.clearTimer(this.timer);
      this.timer = null;
    }
    void this.flush();
  }

  getState = (): QueueState => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  onOutcome(listener: (outcome: WriteOutcome) => void): () => void {
    this.outcomeListeners.add(listener);
    return () => this.outcomeListeners.delete(listener);
  }

  /** Stops retrying (the logger closed); the writes stay stored for next time. */
  dispose(): void {
    if (this.timer !== null) this.clearTimer(this.timer);
    this.timer = null;
    this.listeners.clear();
    this.outcomeListeners.clear();
  }

  private async flush(): Promise<void> {
    if (this.sending || this.timer !== null || !this.loaded) return;
    this.sending = true;
    try {
      while (this.pending.length > 0) {
        const write = this.pending[0]!;
        try {
          const response = await this.options.send(write);
          this.pending.shift();
          this.lastFailure = null;
          this.changed();
          this.emit({ kind: "sent", write, response });
        } catch (error) {
          if (isRetryable(error)) {
            write.attempts += 1;
            this.lastFailure = error as ApiError;
            this.changed();
            const delay = this.delays[Math.min(write.attempts - 1, this.delays.length - 1)] ?? 30_000;
            this.timer = this.setTimer(() => {
              this.timer = null;
              void this.flush();
            }, delay);
            return;
          }
          this.pending.shift();
          this.changed();
          const apiError =
            error instanceof ApiError ? error : new ApiError({ status: 0, code: "unknown_error", message: "Something went wrong. Please try again." });
          this.emit({ kind: "rejected", write, error: apiError });
        }
      }
    } finally {
      this.sending = false;
    }
  }

  private fresh(write: NewWrite): PendingWrite {
    const { idempotencyKey: _key, fallbackKey: _fallback, attempts: _attempts, ...rest } = write as Partial<PendingWrite> & NewWrite;
    return { ...rest, attempts: 0, idempotencyKey: this.newKey(), ...(rest.meta?.action === "create_set" ? { fallbackKey: this.newKey() } : {}) };
  }

  /** Writes kept by a version of the app that made no keys get theirs now (saved with them from here on). */
  private keyed(write: PendingWrite): PendingWrite {
    if (typeof write.idempotencyKey === "string" && write.idempotencyKey) return write;
    return { ...write, idempotencyKey: this.newKey(), ...(write.meta?.action === "create_set" ? { fallbackKey: this.newKey() } : {}) };
  }

  private emit(outcome: WriteOutcome) {
    for (const listener of [...this.outcomeListeners]) listener(outcome);
  }

  private changed() {
    this.save();
    this.snapshot = this.makeSnapshot();
    for (const listener of [...this.listeners]) listener();
  }

  private makeSnapshot(): QueueState {
    return {
      pending: this.pending.map((write) => ({ ...write })),
      waitingToRetry: this.timer !== null || this.lastFailure !== null,
      lastFailure: this.lastFailure,
    };
  }

  private load(): PendingWrite[] {
    const storage = this.options.storage;
    if (!storage) return [];
    try {
      const parsed: unknown = JSON.parse(storage.getItem(this.options.storageKey) ?? "[]");
      return Array.isArray(parsed) ? (parsed as PendingWrite[]).filter((item) => typeof item?.key === "string" && typeof item?.path === "string") : [];
    } catch {
      return [];
    }
  }

  private save() {
    const store = this.options.store;
    if (store) {
      // Not before the kept writes are read, or an early save would overwrite them.
      if (!this.loaded) return;
      const copy = this.pending.map((write) => ({ ...write }));
      this.saving = this.saving.then(() => store.save(copy)).catch(() => undefined);
      return;
    }
    const storage = this.options.storage;
    if (!storage) return;
    try {
      if (this.pending.length === 0) storage.removeItem(this.options.storageKey);
      else storage.setItem(this.options.storageKey, JSON.stringify(this.pending));
    } catch {
      /* storage full or blocked: the queue still works for this page */
    }
  }
}
