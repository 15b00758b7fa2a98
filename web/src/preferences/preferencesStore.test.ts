import { describe, expect, it } from "vitest";
import type { Preferences } from "../api/types";
import { DEFAULT_PREFERENCES, PreferencesStore, type PreferencesRemote } from "./preferencesStore";

class FakeRemote implements PreferencesRemote {
  stored: Preferences = DEFAULT_PREFERENCES;
  offline = false;
  puts: Preferences[] = [];

  get = async () => {
    if (this.offline) throw new TypeError("Failed to fetch");
    return this.stored;
  };

  put = async (values: Preferences) => {
    if (this.offline) throw new TypeError("Failed to fetch");
    this.puts.push(values);
    this.stored = values;
    return values;
  };
}

function storeOn(remote: FakeRemote) {
  return new PreferencesStore(() => localStorage, remote);
}

describe("preferences", () => {
  it("show the server's copy, and a change reaches the server", async () => {
    const remote = new FakeRemote();
    remote.stored = { weightUnit: "lb", effortScale: "rir", defaultRestSeconds: 120 };
    const store = storeOn(remote);
    store.open("u1");
    await store.sync();
    expect(store.get()).toEqual(remote.stored);

    store.update({ defaultRestSeconds: 60 });
    await store.sync();
    expect(remote.stored).toEqual({ weightUnit: "lb", effortScale: "rir", defaultRestSeconds: 60 });
  });

  it("keep a change made offline on this device and send it once back online", async () => {
    const remote = new FakeRemote();
    remote.offline = true;
    const store = storeOn(remote);
    store.open("u1");
    store.update({ weightUnit: "lb" });
    await store.sync();
    expect(store.get().weightUnit).toBe("lb");

    const reloaded = storeOn(remote);
    reloaded.open("u1");
    expect(reloaded.get().weightUnit).toBe("lb");
    remote.offline = false;
    await reloaded.sync();
    expect(remote.stored.weightUnit).toBe("lb");
  });

  it("never show one person's cached preferences to another on the same device", async () => {
    const remote = new FakeRemote();
    const first = storeOn(remote);
    first.open("u1");
    first.update({ weightUnit: "lb" });
    await first.sync();

    remote.stored = DEFAULT_PREFERENCES;
    remote.offline = true;
    const second = storeOn(remote);
    second.open("u2");
    expect(second.get()).toEqual(DEFAULT_PREFERENCES);
  });

  it("carry a device's old local choices to an account that has none yet", async () => {
    localStorage.setItem("fitfolio.weightUnit", "lb");
    localStorage.setItem("fitfolio.loggerSettings", JSON.stringify({ effortScale: "rir", defaultRestSeconds: 180 }));
    const remote = new FakeRemote();
    const store = storeOn(remote);
    store.open("u1");
    await store.sync();

    expect(remote.stored).toEqual({ weightUnit: "lb", effortScale: "rir", defaultRestSeconds: 180 });
    expect(localStorage.getItem("fitfolio.weightUnit")).toBeNull();
  });
});
