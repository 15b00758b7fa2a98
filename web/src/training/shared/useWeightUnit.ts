import { useCallback } from "react";
import { usePreferences } from "../../preferences/usePreferences";
import type { WeightUnit } from "./units";

/** The person's kg/lb choice, kept with their account (and cached on this device). */
export function useWeightUnit(): [WeightUnit, (unit: WeightUnit) => void] {
  const [preferences, update] = usePreferences();
  const change = useCallback((weightUnit: WeightUnit) => update({ weightUnit }), [update]);
  return [preferences.weightUnit, change];
}
