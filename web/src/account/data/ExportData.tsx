import { useState } from "react";
import { api } from "../../api/fitfolio";
import { Button } from "../../ui/Button";
import { ErrorMessage, StatusMessage } from "../../ui/Messages";
import { Section } from "../../ui/Page";
import { saveFile } from "../../ui/saveFile";

export function defaultExportName(now: Date = new Date()): string {
  return `fitfolio-export-${now.toISOString().slice(0, 10)}.json`;
}

export function ExportData() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState<string | null>(null);

  const exportData = async () => {
    setBusy(true);
    setError(null);
    setStatus(null);
    try {
      const { blob, filename } = await api.account.exportData();
      const name = filename ?? defaultExportName();
      saveFile(blob, name);
      setStatus(`Your export “${name}” is downloading.`);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Section title="Export your data" description="A JSON file with everything FitFolio holds about you.">
      <div>
        <Button onClick={exportData} busy={busy} busyLabel="Preparing export…">
          Download my data
        </Button>
      </div>
      <StatusMessage tone="success">{status}</StatusMessage>
      <ErrorMessage error={error} />
    </Section>
  );
}
