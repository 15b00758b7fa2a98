import type { ReactNode } from "react";

interface DataTableProps {
  /** The table's accessible name. */
  label: string;
  /**
   * Where the name goes. "region" (the default) names the scrolling wrapper and makes it focusable, so a
   * keyboard can scroll a wide table and a page can move focus to fresh results; "caption" gives the table a
   * visually hidden caption instead, for a table inside a card or disclosure whose heading already frames it.
   */
  labelAs?: "region" | "caption";
  /** The wrapper's id, for a page that moves focus to it. */
  id?: string;
  /** The column headings, in order. */
  columns: readonly string[];
  /** The body rows (`<tr>` elements). */
  children: ReactNode;
}

/** A table in a wrapper that scrolls sideways on a narrow screen, with one row of column headings. */
export function DataTable({ label, labelAs = "region", id, columns, children }: DataTableProps) {
  const region = labelAs === "region";
  return (
    <div id={id} className="table-wrap" role={region ? "region" : undefined} aria-label={region ? label : undefined} tabIndex={region ? 0 : undefined}>
      <table className="table">
        {!region && <caption className="visually-hidden">{label}</caption>}
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
