import type { Preferences } from "../api/types";

export const DEFAULT_PREFERENCES: Preferences = { weightUnit: "kg", effortScale: "rpe", defaultRestSeconds: 90 };

/** The server's side: GET and PUT /account/preferences. */
export interface PreferencesRemote {
  get(): Promise<Preferences>;
  put(values: Preferences): Promise<Preferences>;
}

interface Cached {
  userId: string;
  values: Preferences;
  /** Changed here and not yet accepted by the server (made offline, or the PUT failed). */
  pending: boolean;
}

const CACHE_KEY = "fitfolio.preferences";
// Where a device kept these before they were stored with the account: read once, then removed.
const LEGACY_UNIT_KEY = "fitfolio.weightUnit";
const LEGACY_LOGGER_KEY = "fitfolio.loggerSettings";

/** Whatever a cache or an old version left behind, made into values the server accepts. */
export function sanitize(raw: unknown): Preferences {
  const value = (raw ?? {}) as Partial<Record<keyof Preferences, unknown>>;
  const rest = value.defaultRestSeconds;
  return {
    weightUnit: value.weightUnit === "lb" ? "lb" : "kg",
    effortScale: value.effortScale === "rir" ? "rir" : "rpe",
    defaultRestSeconds: typeof rest === "number" && Number.isInteger(rest) && rest >= 0 && rest <= 600 ? rest : DEFAULT_PREFERENCES.defaultRestSeconds,
  };
}

function same(a: Preferences, b: Preferences): boolean {
  return a.weightUnit === b.weightUnit && a.effortScale === b.effortScale && a.defaultRestSeconds === b.defaultRestSeconds;
}

/**
 * One person's preferences: shown at once from this device's cache (so they work offline), then
 * brought in line with the server, where they live with the account and so follow the person to
 * every device. A change is kept locally first and sent; one that cannot be sent stays marked
 * pending and goes with the next sync (on the next page load, or when the browser is back online).
 * The server's copy wins otherwise.
 */
export class PreferencesStore {
  private values: Preferences = DEFAULT_PREFERENCES;
  private pending = false;
  private legacy: Preferences | null = null;
  private userId: string | null = null;
  private syncing: Promise<void> | null = null;
  private again = false;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly storage: () => Storage | null,
    private readonly remote: PreferencesRemote,
  ) {}

  readonly get = (): Preferences => this.values;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Binds the store to the signed-in person (silently: safe during render), then syncs in the background. */
  open(userId: string): void {
    if (this.userId === userId) return;
    this.userId = userId;
    const cached = this.read();
    this.legacy = null;
    if (cached?.userId === userId) {
      this.values = cached.values;
      this.pending = cached.pending;
    } else {
      this.legacy = this.readLegacy();
      this.values = this.legacy ?? DEFAULT_PREFERENCES;
      this.pending = false;
    }
    queueMicrotask(() => void this.sync());
  }

  readonly update = (change: Partial<Preferences>): void => {
    this.values = sanitize({ ...this.values, ...change });
    this.pending = true;
    this.write();
    this.notify();
    void this.sync();
  };

  /** Sends a pending change, or reads the server's copy; failures leave things as they are. */
  sync(): Promise<void> {
    if (!this.userId) return Promise.resolve();
    if (this.syncing) {
      this.again = true;
      return this.syncing;
    }
    this.syncing = this.run().finally(() => {
      this.syncing = null;
    });
    return this.syncing;
  }

  /** Forgets everything held in memory (the cache stays); for tests and sign-out. */
  reset(): void {
    this.values = DEFAULT_PREFERENCES;
    this.pending = false;
    this.legacy = null;
    this.userId = null;
    this.again = false;
  }

  private async run(): Promise<void> {
    try {
      do {
        this.again = false;
        const userId = this.userId;
        const sending = this.pending ? this.values : null;
        let answer = sending ? await this.remote.put(sending) : await this.remote.get();
        // A device's own choices from before they synced, for an account that never chose anything yet.
        if (!sending && this.legacy && same(answer, DEFAULT_PREFERENCES) && !same(this.legacy, DEFAULT_PREFERENCES)) {
          answer = await this.remote.put(this.legacy);
        }
        if (userId !== this.userId || this.again) continue;
        this.legacy = null;
        this.dropLegacy();
        this.values = sanitize(answer);
        this.pending = false;
        this.write();
        this.notify();
      } while (this.again);
    } catch {
      // Offline, or the server is unavailable: the cache keeps the change and its pending mark.
    }
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }

  private read(): Cached | null {
    try {
      const parsed = JSON.parse(this.storage()?.getItem(CACHE_KEY) ?? "null") as Cached | null;
      return parsed && typeof parsed.userId === "string" ? { userId: parsed.userId, values: sanitize(parsed.values), pending: parsed.pending === true } : null;
    } catch {
      return null;
    }
  }

  private write(): void {
    if (!this.userId) return;
    try {
      this.storage()?.setItem(CACHE_KEY, JSON.stringify({ userId: this.userId, values: this.values, pending: this.pending } satisfies Cached));
    } catch {
      /* private mode: remembered for this page only */
    }
  }

  private readLegacy(): Preferences | null {
    try {
      const storage = this.storage();
      const unit = storage?.getItem(LEGACY_UNIT_KEY);
      const logger = storage?.getItem(LEGACY_LOGGER_KEY);
      if (!unit && !logger) return null;
      return sanitize({ weightUnit: unit, ...(JSON.parse(logger ?? "{}") as object) });
    } catch {
      return null;
    }
  }

  private dropLegacy(): void {
    try {
      this.storage()?.removeItem(LEGACY_UNIT_KEY);
      this.storage()?.removeItem(LEGACY_LOGGER_KEY);
    } catch {
      /* nothing to clean up */
    }
  }
}
