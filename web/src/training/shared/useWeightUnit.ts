import { useCallback, useState } from "react";
import { loadUnit, saveUnit, type WeightUnit } from "./units";

/** The person's kg/lb choice, remembered on this device. */
export function useWeightUnit(): [WeightUnit, (unit: WeightUnit) => void] {
  const [unit, setUnit] = useState<WeightUnit>(loadUnit);
  const change = useCallback((next: WeightUnit) => {
    saveUnit(next);
    setUnit(next);
  }, []);
  return [unit, change];
}
