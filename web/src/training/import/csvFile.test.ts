import { describe, expect, it } from "vitest";
import { checkCsvFile, detectSource, MAX_IMPORT_BYTES } from "./csvFile";

const STRONG =
  "Date;Workout Name;Duration;Exercise Name;Set Order;Weight;Reps;Distance;Seconds;Notes;Workout Notes;RPE\n" +
  "2026-01-01 10:00:00;Push;1h;Bench Press (Barbell);1;100;5;0;0;;;\n";
const HEVY = '"title","start_time","end_time","description","exercise_title","superset_id","exercise_notes","set_index","set_type","weight_kg","reps"\n';

const file = (content: BlobPart, name = "export.csv") => new File([content], name, { type: "text/csv" });

describe("checking an import file before upload", () => {
  it("recognises Strong (either delimiter, any weight column) and Hevy headers", () => {
    expect(detectSource(STRONG.split("\n")[0]!)).toBe("strong");
    expect(detectSource("Date,Workout Name,Exercise Name,Set Order,Weight (lbs),Reps")).toBe("strong");
    expect(detectSource(HEVY.split("\n")[0]!)).toBe("hevy");
    expect(detectSource("\uFEFFname,age")).toBeNull();
  });

  it("accepts a Strong and a Hevy export", async () => {
    expect(await checkCsvFile(file(STRONG))).toEqual({ ok: true, source: "strong" });
    expect(await checkCsvFile(file(`\uFEFF${HEVY}`))).toEqual({ ok: true, source: "hevy" });
  });

  it("reads a UTF-16 export with a byte-order mark, as spreadsheets save them", async () => {
    const text = STRONG;
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes[0] = 0xff;
    bytes[1] = 0xfe;
    for (let i = 0; i < text.length; i += 1) bytes[2 + i * 2] = text.charCodeAt(i);
    expect(await checkCsvFile(file(bytes))).toEqual({ ok: true, source: "strong" });
  });

  it("refuses other files with a reason", async () => {
    expect(await checkCsvFile(file(STRONG, "export.xlsx"))).toEqual({ ok: false, problem: "Choose a .csv file exported from Strong or Hevy." });
    expect(await checkCsvFile(file(""))).toEqual({ ok: false, problem: "That file is empty." });
    expect(await checkCsvFile(file("name,age\nAda,36\n"))).toMatchObject({
      ok: false,
      problem: expect.stringContaining("doesn’t look like a Strong or Hevy export"),
    });
    const big = file(new Uint8Array(MAX_IMPORT_BYTES + 1));
    expect(await checkCsvFile(big)).toEqual({ ok: false, problem: "That file is 32.0 MB; the limit is 32 MB." });
  });
});
