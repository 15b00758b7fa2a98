import { useState } from "react";
import type { Download } from "../api/client";
import { saveFile } from "./saveFile";

/**
 * A file the server prepares behind a button: busy while it does, its error if it fails. `start`
 * saves the file and answers the name it was saved under, or null when it failed.
 */
export function useFileDownload(fetchFile: () => Promise<Download>, fallbackName: () => string) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const start = async (): Promise<string | null> => {
    setBusy(true);
    setError(null);
    try {
      const { blob, filename } = await fetchFile();
      const name = filename ?? fallbackName();
      saveFile(blob, name);
      return name;
    } catch (caught) {
      setError(caught);
      return null;
    } finally {
      setBusy(false);
    }
  };

  return { busy, error, start };
}
