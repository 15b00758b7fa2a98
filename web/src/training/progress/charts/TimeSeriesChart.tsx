/*
 * Charts use Recharts: it is widely used and maintained, draws SVG (so colours come straight from
 * our CSS custom properties and follow light/dark without any JavaScript theme sync, and text
 * stays crisp on phones), ships a keyboard-navigable accessibility layer, and is declarative
 * React. Its weight (~100 kB gzipped with its d3 parts) is paid only on the progress screens,
 * which are lazy-loaded routes, so the logger and the rest of the app never download it.
 */
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import { ChartFrame } from "./ChartFrame";
import { shortDate, valueDomain } from "./chartFormat";
import { summarize } from "./chartSummary";

export interface Point {
  /** ISO date (yyyy-mm-dd) or instant. */
  date: string;
  value: number;
}

interface TimeSeriesChartProps {
  title: string;
  points: Point[];
  /** Formats a value for axis, tooltip and table, e.g. "112.5 kg". */
  format: (value: number) => string;
  valueLabel: string;
  description?: string;
}

/** A line over time, with the same numbers in a table for anyone who cannot see the chart. */
export function TimeSeriesChart({ title, points, format, valueLabel, description }: TimeSeriesChartProps) {
  return (
    <ChartFrame
      title={title}
      description={description}
      empty={points.length === 0}
      summary={summarize(points, format)}
      table={{
        columns: ["Date", valueLabel],
        rows: points.map((point) => [shortDate(point.date), format(point.value)]),
      }}
    >
      <LineChart responsive style={{ width: "100%", height: 260 }} data={points} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
        <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" />
        <XAxis dataKey="date" tickFormatter={shortDate} stroke="var(--text-muted)" fontSize={12} minTickGap={24} />
        <YAxis
          stroke="var(--text-muted)"
          fontSize={12}
          width={56}
          tickFormatter={(value: number) => format(value)}
          domain={valueDomain(points.map((point) => point.value))}
        />
        <Tooltip
          labelFormatter={(label) => shortDate(String(label))}
          formatter={(value) => [format(Number(value)), valueLabel]}
          contentStyle={{ background: "var(--surface)", border: "1px solid var(--border)", color: "var(--text)" }}
        />
        <Line
          type="monotone"
          dataKey="value"
          name={valueLabel}
          stroke="var(--accent)"
          strokeWidth={2}
          dot={{ r: 3, fill: "var(--accent)" }}
          isAnimationActive={false}
        />
      </LineChart>
    </ChartFrame>
  );
}
