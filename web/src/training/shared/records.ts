import type { PersonalRecord, RecordType } from "../../api/trainingTypes";
import { formatDistance, formatDuration } from "./labels";
import { formatWeight, type WeightUnit } from "./units";

const NAMES: Record<RecordType, string> = {
  heaviest_weight: "heaviest weight",
  best_e1rm: "best estimated 1RM",
  most_reps_at_weight: "most reps",
  best_set_volume: "best set volume",
  best_session_volume: "best session volume",
  longest_duration: "longest time",
  longest_distance: "longest distance",
};

export function recordName(type: RecordType): string {
  return NAMES[type];
}

function value(record: Pick<PersonalRecord, "unit">, amount: number, unit: WeightUnit): string {
  if (record.unit === "kg") return formatWeight(amount, unit);
  if (record.unit === "s") return formatDuration(amount);
  if (record.unit === "m") return formatDistance(amount);
  return `${amount} rep${amount === 1 ? "" : "s"}`;
}

/** "best estimated 1RM 112.5 kg (was 110 kg)"; "most reps at 100 kg: 8 reps". */
export function describeRecord(record: PersonalRecord, unit: WeightUnit): string {
  const name =
    record.type === "most_reps_at_weight" && record.atWeightKg !== null ? `most reps at ${formatWeight(record.atWeightKg, unit)}:` : recordName(record.type);
  const was = record.previous === undefined ? "" : record.previous === null ? " (your first)" : ` (was ${value(record, record.previous, unit)})`;
  return `${name} ${value(record, record.value, unit)}${was}`;
}

/** The records people care most about come first when a set breaks several. */
const PRIORITY: RecordType[] = [
  "best_e1rm",
  "heaviest_weight",
  "longest_duration",
  "longest_distance",
  "most_reps_at_weight",
  "best_set_volume",
  "best_session_volume",
];

export function byImportance<T extends { type: RecordType }>(records: T[]): T[] {
  return [...records].sort((a, b) => PRIORITY.indexOf(a.type) - PRIORITY.indexOf(b.type));
}

/** One line per record, most important first, for the banner's list. */
export function celebrationLines(records: PersonalRecord[], unit: WeightUnit): string[] {
  return byImportance(records).map((record) => describeRecord(record, unit));
}

/**
 * "2 sets with records": one set often breaks several records at once (weight, e1RM, volume), so
 * counting records made three sets read "11 records"; sets are what the person remembers doing.
 */
export function recordSetsSummary(sets: { records: readonly unknown[] }[]): string {
  const count = sets.filter((set) => set.records.length > 0).length;
  if (count === 0) return "No new records";
  return `${count} set${count === 1 ? "" : "s"} with records`;
}
