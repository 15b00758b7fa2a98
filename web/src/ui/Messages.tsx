import type { ReactNode } from "react";
import { messageOf } from "../api/errors";
import { Button } from "./Button";

/** Announced at once. Renders nothing when there is no error. */
export function ErrorMessage({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  if (!error) return null;
  return (
    <div className="notice notice--error" role="alert">
      <p>{typeof error === "string" ? error : messageOf(error)}</p>
      {onRetry && (
        <Button variant="quiet" onClick={onRetry}>
          Try again
        </Button>
      )}
    </div>
  );
}

/**
 * A polite live region that stays in the page so that changes to its text are announced;
 * screen readers ignore regions that appear together with their first message.
 */
export function StatusMessage({ children, tone = "info" }: { children?: ReactNode; tone?: "info" | "success" }) {
  const className = !children ? "visually-hidden" : tone === "success" ? "notice notice--success" : "status-line";
  return (
    <div className={className} role="status">
      {children}
    </div>
  );
}
