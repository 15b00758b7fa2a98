import { formatDate, formatDateTime, formatRelative } from "./format";

/** A machine-readable time shown as "5 minutes ago", with the exact moment on hover. */
export function RelativeTime({ value }: { value: string }) {
  return (
    <time dateTime={value} title={formatDateTime(value)}>
      {formatRelative(value)}
    </time>
  );
}

export function DateTime({ value, dateOnly = false }: { value: string; dateOnly?: boolean }) {
  return <time dateTime={value}>{dateOnly ? formatDate(value) : formatDateTime(value)}</time>;
}
