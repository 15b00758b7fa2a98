import { useSyncExternalStore } from "react";
import { sendWrite } from "./sendWrite";
import { offlineDbAvailable, readOffline, writeOffline } from "../../../offline/offlineDb";
import { WriteQueue, type PendingWrite, type QueueState, type QueueStore } from "./writeQueue";

const queues = new Map<string, WriteQueue>();

function browserStorage(): Storage | null {
  try {
    return typeof localStorage === "undefined" ? null : localStorage;
  } catch {
    return null;
  }
}

/**
 * The person's writes in IndexedDB. Writes an earlier version of the app left in localStorage are
 * taken over once (put first: they are older), then removed from there.
 */
function indexedDbStore(userId: string, legacyKey: string): QueueStore {
  return {
    load: async () => {
      const kept = (await readOffline<PendingWrite[]>("pendingWrites", userId)) ?? [];
      const storage = browserStorage();
      const legacy = storage?.getItem(legacyKey);
      if (!storage || !legacy) return kept;
      const older = JSON.parse(legacy) as PendingWrite[];
      const merged = [...older.filter((write) => !kept.some((item) => item.key === write.key)), ...kept];
      await writeOffline("pendingWrites", userId, merged);
      storage.removeItem(legacyKey);
      return merged;
    },
    save: (pending) => writeOffline("pendingWrites", userId, pending),
  };
}

/**
 * One queue per signed-in person, kept for the life of the page (leaving the logger must not stop
 * a set from syncing) and stored under their id, so someone else signing in on the same device
 * neither sends nor sees them.
 */
export function queueFor(userId: string): WriteQueue {
  let queue = queues.get(userId);
  if (!queue) {
    const storageKey = `fitfolio.pendingWrites.${userId}`;
    const store = offlineDbAvailable() ? indexedDbStore(userId, storageKey) : undefined;
    const created = new WriteQueue({ storage: browserStorage(), storageKey, store, send: sendWrite });
    if (typeof window !== "undefined") window.addEventListener("online", () => created.retryNow());
    queue = created;
    queues.set(userId, queue);
    // Writes left from an earlier visit (closed tab, dead battery) wait for the logger to call
    // retryNow() once it listens for their answers, so none of them lands unseen.
  }
  return queue;
}

/** Test seam: forget every queue (their stored writes stay in storage). */
export function resetQueues(): void {
  for (const queue of queues.values()) queue.dispose();
  queues.clear();
}

export function useQueueState(queue: WriteQueue): QueueState {
  return useSyncExternalStore(queue.subscribe, queue.getState, queue.getState);
}
