import { describe, expect, it } from "vitest";
import { summarize, summarizeWeeks } from "./chartSummary";
import type { StackedRow } from "./StackedBarChart";

const kg = (value: number) => `${value} kg`;

describe("chart summaries (the charts' text alternative)", () => {
  it("says how many entries, over which dates, the latest and the highest", () => {
    expect(
      summarize(
        [
          { date: "2026-12-01", value: 70 },
          { date: "2026-12-06", value: 81.7 },
        ],
        kg,
      ),
    ).toMatch(/^2 entries from .+ to .+: latest 81\.7 kg, highest 81\.7 kg\.$/);
    expect(summarize([{ date: "2026-12-06", value: 80.5 }], kg)).toMatch(/^1 entry on .+: latest 80\.5 kg, highest 80\.5 kg\.$/);
  });

  it("names the latest week's series that have any", () => {
    const rows: StackedRow[] = [
      { date: "2026-11-30", values: { Chest: 2 } },
      { date: "2026-12-07", values: { Chest: 6, Back: 0, Triceps: 3 } },
    ];
    expect(summarizeWeeks(rows, ["Chest", "Back", "Triceps"], String)).toMatch(/^2 weeks from .+ to .+; the latest: Chest 6, Triceps 3\.$/);
  });
});
