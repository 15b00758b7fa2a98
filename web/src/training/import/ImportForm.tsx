import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { isAbort } from "../../api/client";
import { UserFacingError } from "../../api/errors";
import { trainingApi } from "../../api/training";
import type { ImportProgress, ImportSummary } from "../../api/trainingTypes";
import type { UploadProgress } from "../../api/upload";
import { Button } from "../../ui/Button";
import { ErrorMessage } from "../../ui/Messages";
import { Section } from "../../ui/Page";
import { checkCsvFile, describeSource, MAX_IMPORT_BYTES, type CsvSource } from "./csvFile";
import { ImportProgressView } from "./ImportProgressView";

type Stage =
  | { name: "idle" }
  | { name: "checked"; source: CsvSource }
  | { name: "uploading"; progress: UploadProgress | null }
  | { name: "processing" }
  | { name: "importing"; progress: ImportProgress }
  | { name: "done"; progress: ImportProgress };

/** How often the import's progress is asked for: a 100,000-row import takes seconds, so the bar moves a few times a second. */
export const IMPORT_POLL_MS = 400;

function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        reject(new DOMException("The import page was left.", "AbortError"));
      },
      { once: true },
    );
  });
}

const IMPORT_HELP =
  `Export your workouts as CSV in the other app, then upload the file here (up to ${MAX_IMPORT_BYTES / 1024 / 1024} MB). ` +
  "Importing the same file twice adds nothing twice.";

/**
 * Choose a Strong or Hevy CSV, check it here, upload it with progress, then follow the server's import job (it answers 202
 * at once) with its numbers until its summary, which is handed back.
 */
export function ImportForm({ onImported }: { onImported: (summary: ImportSummary) => void }) {
  const inputId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [stage, setStage] = useState<Stage>({ name: "idle" });
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const controller = useRef<AbortController | null>(null);
  // Bumped after an import so the file box empties for the next file.
  const [inputKey, setInputKey] = useState(0);
  const busy = stage.name === "uploading" || stage.name === "processing" || stage.name === "importing";
  // Leaving the page stops the polling; the import itself goes on on the server.
  useEffect(() => () => controller.current?.abort(), []);

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
      const signal = controller.current.signal;
      let progress = await trainingApi.importCsv(
        file,
        (upload) => setStage(upload.loaded >= upload.total ? { name: "processing" } : { name: "uploading", progress: upload }),
        signal,
      );
      setStage({ name: "importing", progress });
      while (progress.status === "running") {
        await wait(IMPORT_POLL_MS, signal);
        progress = await trainingApi.importProgress(progress.id, { signal });
        setStage({ name: "importing", progress });
      }
      if (progress.status !== "finished" || !progress.summary) {
        throw new UserFacingError(progress.failure ?? "The import stopped before it finished. Import the file again.", "import_failed");
      }
      setStage({ name: "done", progress });
      setFile(null);
      setInputKey((key) => key + 1);
      onImported(progress.summary);
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
        {(stage.name === "importing" || stage.name === "done") && <ImportProgressView progress={stage.progress} />}
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
            busyLabel={stage.name === "uploading" ? "Uploading…" : "Importing…"}
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
