import { useState } from "react";
import { trainingApi } from "../../api/training";
import type { ImportSummary } from "../../api/trainingTypes";
import { Button } from "../../ui/Button";
import { ErrorMessage, StatusMessage } from "../../ui/Messages";
import { PageHeader, Section } from "../../ui/Page";
import { saveFile } from "../../ui/saveFile";
import { ImportForm } from "./ImportForm";
import { ImportSummaryView } from "./ImportSummaryView";

export function ImportExportPage() {
  const [summary, setSummary] = useState<ImportSummary | null>(null);
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<unknown>(null);
  const [status, setStatus] = useState<string | null>(null);

  const exportCsv = async () => {
    setExporting(true);
    setExportError(null);
    setStatus(null);
    try {
      const { blob, filename } = await trainingApi.exportCsv();
      const name = filename ?? "fitfolio-training.csv";
      saveFile(blob, name);
      setStatus(`Your training export “${name}” is downloading.`);
    } catch (caught) {
      setExportError(caught);
    } finally {
      setExporting(false);
    }
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
          <Button onClick={() => void exportCsv()} busy={exporting} busyLabel="Preparing…">
            Download training CSV
          </Button>
        </div>
        <ErrorMessage error={exportError} />
      </Section>
    </div>
  );
}
