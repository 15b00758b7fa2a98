import { useId, useRef, useState, type FormEvent } from "react";
import { isAbort } from "../../api/client";
import { trainingApi } from "../../api/training";
import type { ImportSummary } from "../../api/trainingTypes";
import type { UploadProgress } from "../../api/upload";
import { Button } from "../../ui/Button";
import { ErrorMessage } from "../../ui/Messages";
import { Section } from "../../ui/Page";
import { checkCsvFile, describeSource, MAX_IMPORT_BYTES, type CsvSource } from "./csvFile";

type Stage = { name: "idle" } | { name: "checked"; source: CsvSource } | { name: "uploading"; progress: UploadProgress | null } | { name: "processing" };

const IMPORT_HELP =
  `Export your workouts as CSV in the other app, then upload the file here (up to ${MAX_IMPORT_BYTES / 1024 / 1024} MB). ` +
  "Importing the same file twice adds nothing twice.";

/** Choose a Strong or Hevy CSV, check it here, upload it with progress, hand back the server's summary. */
export function ImportForm({ onImported }: { onImported: (summary: ImportSummary) => void }) {
  const inputId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [stage, setStage] = useState<Stage>({ name: "idle" });
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const controller = useRef<AbortController | null>(null);
  // Bumped after an import so the file box empties for the next file.
  const [inputKey, setInputKey] = useState(0);
  const busy = stage.name === "uploading" || stage.name === "processing";

  const choose = async (chosen: File | null) => {
    setFile(chosen);
    setError(null);
    setProblem(null);
    setStage({ name: "idle" });
    if (!chosen) return;
    const check = await checkCsvFile(chosen);
    if (check.ok) setStage({ name: "checked", source: check.source });
    else setProblem(check.problem);
  };

  const upload = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) {
      setProblem("Choose a CSV file first.");
      return;
    }
    if (stage.name !== "checked") return;
    controller.current = new AbortController();
    setStage({ name: "uploading", progress: null });
    setError(null);
    try {
      const summary = await trainingApi.importCsv(
        file,
        (progress) => setStage(progress.loaded >= progress.total ? { name: "processing" } : { name: "uploading", progress }),
        controller.current.signal,
      );
      setStage({ name: "idle" });
      setFile(null);
      setInputKey((key) => key + 1);
      onImported(summary);
    } catch (caught) {
      setStage({ name: "checked", source: stage.source });
      if (!isAbort(caught)) setError(caught);
    }
  };

  const percent = stage.name === "uploading" && stage.progress ? Math.round((stage.progress.loaded / Math.max(1, stage.progress.total)) * 100) : null;

  return (
    <Section title="Import from Strong or Hevy" description={IMPORT_HELP}>
      <form className="stack" onSubmit={upload} noValidate aria-label="Import workouts">
        <div className="field">
          <label htmlFor={inputId}>CSV file</label>
          <input
            key={inputKey}
            id={inputId}
            type="file"
            accept=".csv,text/csv"
            disabled={busy}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? `${inputId}-problem` : undefined}
            onChange={(event) => void choose(event.target.files?.[0] ?? null)}
          />
          {problem && (
            <p className="field__error" id={`${inputId}-problem`}>
              {problem}
            </p>
          )}
          {stage.name === "checked" && file && (
            <p className="field__hint">
              {file.name} looks like a {describeSource(stage.source)} export.
            </p>
          )}
        </div>
        {(stage.name === "uploading" || stage.name === "processing") && (
          <div className="upload-progress" role="status">
            <progress max={100} value={stage.name === "processing" ? undefined : (percent ?? undefined)} aria-label="Upload progress" />
            <span>{stage.name === "processing" ? "Uploaded. FitFolio is reading your workouts…" : `Uploading… ${percent ?? 0}%`}</span>
          </div>
        )}
        <ErrorMessage error={error} />
        <div className="button-row">
          <Button
            type="submit"
            variant="primary"
            busy={busy}
            busyLabel={stage.name === "processing" ? "Importing…" : "Uploading…"}
            disabled={stage.name !== "checked" && !busy}
          >
            Import
          </Button>
          {stage.name === "uploading" && <Button onClick={() => controller.current?.abort()}>Cancel upload</Button>}
        </div>
      </form>
    </Section>
  );
}
