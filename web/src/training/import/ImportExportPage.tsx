import { useState } from "react";
import { trainingApi } from "../../api/training";
import type { ImportSummary } from "../../api/trainingTypes";
import { Button } from "../../ui/Button";
import { ErrorMessage, StatusMessage } from "../../ui/Messages";
import { PageHeader, Section } from "../../ui/Page";
import { useFileDownload } from "../../ui/useFileDownload";
import { ImportForm } from "./ImportForm";
import { ImportSummaryView } from "./ImportSummaryView";

export function ImportExportPage() {
  const [summary, setSummary] = useState<ImportSummary | null>(null);
  const exporting = useFileDownload(trainingApi.exportCsv, () => "fitfolio-training.csv");
  const [status, setStatus] = useState<string | null>(null);

  const exportCsv = async () => {
    setStatus(null);
    const name = await exporting.start();
    if (name) setStatus(`Your training export “${name}” is downloading.`);
  };

  return (
    <div className="stack-lg">
      <PageHeader title="Import & export" description="Bring your history from another app, or take every set with you." />
      <ImportForm
        onImported={(result) => {
          setSummary(result);
          const workouts = `${result.workoutsImported} workout${result.workoutsImported === 1 ? "" : "s"}`;
          const sets = `${result.setsImported} set${result.setsImported === 1 ? "" : "s"}`;
          setStatus(`Imported ${workouts} with ${sets}.`);
        }}
      />
      <StatusMessage tone="success">{status}</StatusMessage>
      {summary && <ImportSummaryView summary={summary} />}
      <Section title="Export your training" description="A CSV file with one row per set: workouts, exercises, weights, effort, notes and records.">
        <div>
          <Button onClick={() => void exportCsv()} busy={exporting.busy} busyLabel="Preparing…">
            Download training CSV
          </Button>
        </div>
        <ErrorMessage error={exporting.error} />
      </Section>
    </div>
  );
}
