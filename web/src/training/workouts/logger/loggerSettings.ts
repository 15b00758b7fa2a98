import { usePreferences } from "../../../preferences/usePreferences";
import type { EffortScale } from "./setDraft";

export interface LoggerSettings {
  effortScale: EffortScale;
  /** Rest after a set when the program gives none; 0 turns the timer off. */
  defaultRestSeconds: number;
}

/** The logger's preferences, kept with the account (and cached on this device). */
export function useLoggerSettings(): [LoggerSettings, (change: Partial<LoggerSettings>) => void] {
  const [preferences, update] = usePreferences();
  return [{ effortScale: preferences.effortScale, defaultRestSeconds: preferences.defaultRestSeconds }, update];
}
