import type { ExerciseFilters, TrainingMeta } from "../../api/trainingTypes";
import { TextField } from "../../ui/Field";
import { label } from "../shared/labels";
import { SelectField } from "../shared/Select";

const options = (values: string[]) => values.map((value) => ({ value, label: label(value) }));

/** Search and filters for the exercise catalog; every change applies at once. */
export function ExerciseFiltersForm({
  meta,
  filters,
  onChange,
}: {
  meta: TrainingMeta | undefined;
  filters: ExerciseFilters;
  onChange: (filters: ExerciseFilters) => void;
}) {
  const set = (key: keyof ExerciseFilters) => (value: string) => onChange({ ...filters, [key]: value });
  return (
    <div className="filters" role="search" aria-label="Find exercises">
      <TextField label="Search" type="search" placeholder="e.g. bench" value={filters.query ?? ""} onChange={(event) => set("query")(event.target.value)} />
      <SelectField
        label="Category"
        emptyLabel="Any category"
        value={filters.category ?? ""}
        options={options(meta?.categories ?? [])}
        onChange={(event) => set("category")(event.target.value)}
      />
      <SelectField
        label="Muscle"
        emptyLabel="Any muscle"
        value={filters.muscle ?? ""}
        options={options(meta?.muscles ?? [])}
        onChange={(event) => set("muscle")(event.target.value)}
      />
      <SelectField
        label="Equipment"
        emptyLabel="Any equipment"
        value={filters.equipment ?? ""}
        options={options(meta?.equipment ?? [])}
        onChange={(event) => set("equipment")(event.target.value)}
      />
      <SelectField
        label="Kind"
        emptyLabel="Any kind"
        value={filters.kind ?? ""}
        options={options(meta?.kinds ?? [])}
        onChange={(event) => set("kind")(event.target.value)}
      />
      <SelectField
        label="Source"
        value={filters.custom ?? ""}
        options={[
          { value: "", label: "Built-in and yours" },
          { value: "false", label: "Built-in only" },
          { value: "true", label: "Yours only" },
        ]}
        onChange={(event) => set("custom")(event.target.value)}
      />
    </div>
  );
}
