import type { ImportSummary } from "../../api/trainingTypes";
import { DataTable } from "../../ui/DataTable";
import { Section } from "../../ui/Page";
import { describeSource } from "./csvFile";

const SKIPPED_COLUMNS = ["Row", "Why it was skipped"];

/** The server's account of an import: what came in, what was already there, and each row it skipped and why. */
export function ImportSummaryView({ summary }: { summary: ImportSummary }) {
  return (
    <Section title="Import finished" description={`Read as a ${describeSource(summary.format)} export.`}>
      <dl className="facts">
        <dt>Workouts imported</dt>
        <dd>{summary.workoutsImported}</dd>
        <dt>Already in FitFolio</dt>
        <dd>{summary.workoutsAlreadyPresent}</dd>
        <dt>Sets imported</dt>
        <dd>{summary.setsImported}</dd>
        <dt>New exercises</dt>
        <dd>{summary.exercisesCreated.length === 0 ? "None" : summary.exercisesCreated.map((exercise) => exercise.name).join(", ")}</dd>
        <dt>Rows skipped</dt>
        <dd>{summary.skipped.length}</dd>
      </dl>
      {summary.exercisesCreated.length > 0 && (
        <p className="muted small">Exercises FitFolio didn’t recognise were added to your library as your own; you’ll find them under Exercises.</p>
      )}
      {summary.skipped.length > 0 && (
        <DataTable label="Skipped rows" labelAs="caption" columns={SKIPPED_COLUMNS}>
          {summary.skipped.map((row) => (
            <tr key={`${row.row}:${row.reason}`}>
              <td>{row.row}</td>
              <td>{row.reason}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </Section>
  );
}
