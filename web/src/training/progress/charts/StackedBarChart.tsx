import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import { ChartFrame } from "./ChartFrame";
import { SERIES_COLOURS, shortDate } from "./chartFormat";
import { summarizeWeeks } from "./chartSummary";

export interface StackedRow {
  /** The bucket's start, an ISO date. */
  date: string;
  values: Record<string, number>;
}

interface StackedBarChartProps {
  title: string;
  rows: StackedRow[];
  /** The series, in legend order. */
  series: string[];
  format: (value: number) => string;
  description?: string;
}

/** Bars per period, one coloured part per series (e.g. weekly volume per muscle group). */
export function StackedBarChart({ title, rows, series, format, description }: StackedBarChartProps) {
  const data = rows.map((row) => ({ date: row.date, ...row.values }));
  return (
    <ChartFrame
      title={title}
      description={description}
      empty={rows.length === 0 || series.length === 0}
      summary={summarizeWeeks(rows, series, format)}
      table={{
        columns: ["Week of", ...series],
        rows: rows.map((row) => [shortDate(row.date), ...series.map((name) => format(row.values[name] ?? 0))]),
      }}
    >
      <BarChart responsive style={{ width: "100%", height: 300 }} data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
        <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="date" tickFormatter={shortDate} stroke="var(--text-muted)" fontSize={12} />
        <YAxis stroke="var(--text-muted)" fontSize={12} width={56} tickFormatter={(value: number) => format(value)} />
        <Tooltip
          labelFormatter={(label) => `Week of ${shortDate(String(label))}`}
          formatter={(value, name) => [format(Number(value)), String(name)]}
          contentStyle={{ background: "var(--surface)", border: "1px solid var(--border)", color: "var(--text)" }}
        />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        {series.map((name, index) => (
          <Bar key={name} dataKey={name} stackId="total" fill={SERIES_COLOURS[index % SERIES_COLOURS.length]} isAnimationActive={false} />
        ))}
      </BarChart>
    </ChartFrame>
  );
}
