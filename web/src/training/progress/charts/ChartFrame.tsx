import { useId, type ReactNode } from "react";
import { DataTable } from "../../../ui/DataTable";

interface ChartFrameProps {
  title: string;
  description?: ReactNode;
  empty: boolean;
  emptyText?: string;
  table: { columns: string[]; rows: string[][] };
  /** What the chart shows in one sentence, under it: the text alternative a screen reader reads with the figure. */
  summary: string;
  children: ReactNode;
}

/**
 * A titled card holding a chart with a one-sentence summary as its caption, its numbers as a table under a
 * disclosure, or a note when there is no data.
 */
export function ChartFrame({ title, description, empty, emptyText, table, summary, children }: ChartFrameProps) {
  const id = useId();
  return (
    <section className="card chart-card" aria-labelledby={id}>
      <h2 className="card__title" id={id}>
        {title}
      </h2>
      {description && <p className="card__description">{description}</p>}
      {empty ? (
        <p className="muted">{emptyText ?? "Nothing logged yet for this chart."}</p>
      ) : (
        <>
          <figure className="chart" aria-label={title}>
            {children}
            <figcaption className="muted small">{summary}</figcaption>
          </figure>
          <details className="chart__table">
            <summary>Show the numbers</summary>
            <DataTable label={title} labelAs="caption" columns={table.columns}>
              {table.rows.map((row, index) => (
                <tr key={index}>
                  {row.map((cell, cellIndex) => (
                    <td key={cellIndex}>{cell}</td>
                  ))}
                </tr>
              ))}
            </DataTable>
          </details>
        </>
      )}
    </section>
  );
}
