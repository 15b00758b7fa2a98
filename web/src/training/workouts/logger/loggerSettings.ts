import { useCallback, useState } from "react";
import type { EffortScale } from "./setDraft";

export interface LoggerSettings {
  effortScale: EffortScale;
  /** Rest after a set when the program gives none; 0 turns the timer off. */
  defaultRestSeconds: number;
}

const KEY = "fitfolio.loggerSettings";
const DEFAULTS: LoggerSettings = { effortScale: "rpe", defaultRestSeconds: 90 };

function load(): LoggerSettings {
  try {
    const parsed = JSON.parse(localStorage.getItem(KEY) ?? "{}") as Partial<LoggerSettings>;
    return {
      effortScale: parsed.effortScale === "rir" ? "rir" : "rpe",
      defaultRestSeconds: typeof parsed.defaultRestSeconds === "number" && parsed.defaultRestSeconds >= 0 ? parsed.defaultRestSeconds : DEFAULTS.defaultRestSeconds,
    };
  } catch {
    return DEFAULTS;
  }
}

/** The logger's preferences, remembered on this device. */
export function useLoggerSettings(): [LoggerSettings, (change: Partial<LoggerSettings>) => void] {
  const [settings, setSettings] = useState(load);
  const update = useCallback((change: Partial<LoggerSettings>) => {
    setSettings((current) => {
      const next = { ...current, ...change };
      try {
        localStorage.setItem(KEY, JSON.stringify(next));
      } catch {
        /* remembered for this page only */
      }
      return next;
    });
  }, []);
  return [settings, update];
}
