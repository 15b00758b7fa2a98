/**
 * What the app keeps on this device to work with no network, in IndexedDB (it survives a reload, a
 * closed tab and a restarted browser, and unlike localStorage it is not capped at a few MB nor
 * blocked on the main thread). Every record is keyed by the person's id, so whoever signs in next on
 * this device neither sees nor sends it. The service worker caches no API answers at all.
 */
const DB_NAME = "fitfolio";
const VERSION = 2;

/**
 * pendingWrites: userId → PendingWrite[]; workouts: "userId/workoutId" → Workout; session: "user" → User;
 * lastTime: "userId/exerciseId" → PreviousPerformance; exercises: userId → Exercise[] (the library, for the picker).
 */
export type OfflineStore = "pendingWrites" | "workouts" | "session" | "lastTime" | "exercises";
const STORES: OfflineStore[] = ["pendingWrites", "workouts", "session", "lastTime", "exercises"];

let opening: Promise<IDBDatabase> | null = null;

export function offlineDbAvailable(): boolean {
  return typeof indexedDB !== "undefined";
}

function open(): Promise<IDBDatabase> {
  opening ??= new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, VERSION);
    request.onupgradeneeded = () => {
      for (const store of STORES) if (!request.result.objectStoreNames.contains(store)) request.result.createObjectStore(store);
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error("IndexedDB did not open"));
  }).catch((error: unknown) => {
    opening = null;
    throw error;
  });
  return opening;
}

function run<T>(store: OfflineStore, mode: IDBTransactionMode, act: (objects: IDBObjectStore) => IDBRequest): Promise<T> {
  return open().then(
    (db) =>
      new Promise<T>((resolve, reject) => {
        const transaction = db.transaction(store, mode);
        const request = act(transaction.objectStore(store));
        // Resolved when the transaction commits, so a write has reached the disk before anyone relies on it.
        transaction.oncomplete = () => resolve(request.result as T);
        transaction.onerror = () => reject(transaction.error ?? request.error);
        transaction.onabort = () => reject(transaction.error ?? new Error("IndexedDB transaction aborted"));
      }),
  );
}

export function readOffline<T>(store: OfflineStore, key: string): Promise<T | undefined> {
  return run<T | undefined>(store, "readonly", (objects) => objects.get(key));
}

export function writeOffline(store: OfflineStore, key: string, value: unknown): Promise<void> {
  return run<unknown>(store, "readwrite", (objects) => objects.put(value, key)).then(() => undefined);
}

export function deleteOffline(store: OfflineStore, key: string): Promise<void> {
  return run<unknown>(store, "readwrite", (objects) => objects.delete(key)).then(() => undefined);
}
