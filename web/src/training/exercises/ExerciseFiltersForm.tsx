import type { ExerciseFilters, TrainingMeta } from "../../api/trainingTypes";
import { TextField } from "../../ui/Field";
import { label } from "../shared/labels";
import { SelectField } from "../shared/Select";

const options = (values: string[]) => values.map((value) => ({ value, label: label(value) }));

/** The filters that pick one of the catalog's own values (or any), in the order they are shown. */
const CATALOG_FILTERS = [
  { key: "category", name: "Category", list: "categories" },
  { key: "muscle", name: "Muscle", list: "muscles" },
  { key: "equipment", name: "Equipment", list: "equipment" },
  { key: "kind", name: "Kind", list: "kinds" },
] as const satisfies readonly { key: keyof ExerciseFilters; name: string; list: keyof TrainingMeta }[];

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
      {CATALOG_FILTERS.map(({ key, name, list }) => (
        <SelectField
          key={key}
          label={name}
          emptyLabel={`Any ${name.toLowerCase()}`}
          value={filters[key] ?? ""}
          options={options(meta?.[list] ?? [])}
          onChange={(event) => set(key)(event.target.value)}
        />
      ))}
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
