/** The exports FitFolio reads; the server parses, this only catches the obvious mistakes early. */
export type CsvSource = "strong" | "hevy";

/** The server's limit (413 payload_too_large above it): a 100,000-set Strong export is 7 MB without notes. */
export const MAX_IMPORT_BYTES = 32 * 1024 * 1024;

export type CsvCheck = { ok: true; source: CsvSource } | { ok: false; problem: string };

const NOT_AN_EXPORT =
  "This doesn’t look like a Strong or Hevy export: its first row should name columns such as “Exercise Name” (Strong) or “exercise_title” (Hevy).";

// Column names each app writes in its header row (Strong has used both , and ; as separators).
const STRONG_COLUMNS = ["date", "workout name", "exercise name", "set order", "reps"];
const HEVY_COLUMNS = ["title", "start_time", "exercise_title", "reps"];

/** Which export the header row looks like, or null. */
export function detectSource(headerLine: string): CsvSource | null {
  const columns = headerLine
    .replace(/^\uFEFF/, "")
    .split(/[;,]/)
    .map((column) => column.trim().replace(/^"|"$/g, "").trim().toLowerCase());
  const has = (names: string[]) => names.every((name) => columns.includes(name));
  if (has(HEVY_COLUMNS)) return "hevy";
  // Strong names its weight column "Weight", "Weight (kg)" or "Weight (lbs)".
  if (has(STRONG_COLUMNS) && columns.some((column) => column.startsWith("weight"))) return "strong";
  return null;
}

/** Checks name, size and header row before anything is uploaded. */
export async function checkCsvFile(file: File): Promise<CsvCheck> {
  if (!/\.csv$/i.test(file.name)) return { ok: false, problem: "Choose a .csv file exported from Strong or Hevy." };
  if (file.size === 0) return { ok: false, problem: "That file is empty." };
  if (file.size > MAX_IMPORT_BYTES) {
    return { ok: false, problem: `That file is ${(file.size / 1024 / 1024).toFixed(1)} MB; the limit is ${MAX_IMPORT_BYTES / 1024 / 1024} MB.` };
  }
  const head = await readHead(file);
  const firstLine = head.split(/\r?\n/, 1)[0] ?? "";
  const source = detectSource(firstLine);
  if (!source) {
    return {
      ok: false,
      problem: NOT_AN_EXPORT,
    };
  }
  return { ok: true, source };
}

/** The file's first few KB as text: UTF-8, or UTF-16 when it starts with a byte-order mark (as the server accepts). */
async function readHead(file: File): Promise<string> {
  const bytes = new Uint8Array(await readBytes(file.slice(0, 4096)));
  const encoding = bytes[0] === 0xff && bytes[1] === 0xfe ? "utf-16le" : bytes[0] === 0xfe && bytes[1] === 0xff ? "utf-16be" : "utf-8";
  return new TextDecoder(encoding).decode(bytes);
}

function readBytes(blob: Blob): Promise<ArrayBuffer> {
  if (typeof blob.arrayBuffer === "function") return blob.arrayBuffer();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as ArrayBuffer);
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(blob);
  });
}

export function describeSource(source: CsvSource): string {
  return source === "strong" ? "Strong" : "Hevy";
}
