import type { ComponentProps } from "react";
import { Spinner } from "./Spinner";

type Variant = "primary" | "secondary" | "danger" | "quiet";

interface ButtonProps extends ComponentProps<"button"> {
  variant?: Variant;
  /** While true the button is disabled and shows `busyLabel` beside a spinner. */
  busy?: boolean;
  busyLabel?: string;
}

export function Button({ variant = "secondary", busy = false, busyLabel, className, children, disabled, type, ...rest }: ButtonProps) {
  return (
    <button
      type={type ?? "button"}
      className={["button", `button--${variant}`, className].filter(Boolean).join(" ")}
      disabled={disabled || busy}
      aria-busy={busy || undefined}
      {...rest}
    >
      {busy && <Spinner />}
      <span>{busy && busyLabel ? busyLabel : children}</span>
    </button>
  );
}
