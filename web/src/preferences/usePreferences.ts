import { useSyncExternalStore } from "react";
import { api } from "../api/fitfolio";
import type { Preferences } from "../api/types";
import { useUser } from "../auth/session";
import { PreferencesStore } from "./preferencesStore";

/** The one store of the page. */
export const preferences = new PreferencesStore(() => (typeof localStorage === "undefined" ? null : localStorage), api.preferences);

if (typeof window !== "undefined") {
  window.addEventListener("online", () => void preferences.sync());
}

/** The signed-in person's preferences, the same on every device; only for screens behind RequireAuth. */
export function usePreferences(): [Preferences, (change: Partial<Preferences>) => void] {
  const user = useUser();
  preferences.open(user.id);
  return [useSyncExternalStore(preferences.subscribe, preferences.get), preferences.update];
}
