import { useSyncExternalStore } from "react";
import { sendWrite } from "./sendWrite";
import { WriteQueue, type QueueState } from "./writeQueue";

const queues = new Map<string, WriteQueue>();

function browserStorage(): Storage | null {
  try {
    return typeof localStorage === "undefined" ? null : localStorage;
  } catch {
    return null;
  }
}

/**
 * One queue per signed-in person, kept for the life of the page (leaving the logger must not stop
 * a set from syncing) and stored under their id, so someone else signing in on the same device
 * neither sends nor sees them.
 */
export function queueFor(userId: string): WriteQueue {
  let queue = queues.get(userId);
  if (!queue) {
    const created = new WriteQueue({ storage: browserStorage(), storageKey: `fitfolio.pendingWrites.${userId}`, send: sendWrite });
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
