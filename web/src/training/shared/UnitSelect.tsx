import type { WeightUnit } from "./units";
import { SelectField } from "./Select";

export function UnitSelect({ unit, onChange, label = "Weight unit" }: { unit: WeightUnit; onChange: (unit: WeightUnit) => void; label?: string }) {
  return (
    <SelectField
      label={label}
      className="field--compact"
      value={unit}
      onChange={(event) => onChange(event.target.value === "lb" ? "lb" : "kg")}
      options={[
        { value: "kg", label: "kg" },
        { value: "lb", label: "lb" },
      ]}
    />
  );
}
