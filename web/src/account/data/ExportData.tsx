import { useState } from "react";
import { api } from "../../api/fitfolio";
import { Button } from "../../ui/Button";
import { ErrorMessage, StatusMessage } from "../../ui/Messages";
import { Section } from "../../ui/Page";
import { useFileDownload } from "../../ui/useFileDownload";

export function defaultExportName(now: Date = new Date()): string {
  return `fitfolio-export-${now.toISOString().slice(0, 10)}.json`;
}

export function ExportData() {
  const download = useFileDownload(api.account.exportData, defaultExportName);
  const [status, setStatus] = useState<string | null>(null);

  const exportData = async () => {
    setStatus(null);
    const name = await download.start();
    if (name) setStatus(`Your export “${name}” is downloading.`);
  };

  return (
    <Section title="Export your data" description="A JSON file with everything FitFolio holds about you.">
      <div>
        <Button onClick={exportData} busy={download.busy} busyLabel="Preparing export…">
          Download my data
        </Button>
      </div>
      <StatusMessage tone="success">{status}</StatusMessage>
      <ErrorMessage error={download.error} />
    </Section>
  );
}
