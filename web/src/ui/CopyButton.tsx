import { useEffect, useState } from "react";
import { Button } from "./Button";

/** Copies `text` to the clipboard and says so, politely, for a couple of seconds. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");

  useEffect(() => {
    if (state === "idle") return;
    const timer = window.setTimeout(() => setState("idle"), 2500);
    return () => window.clearTimeout(timer);
  }, [state]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState("copied");
    } catch {
      setState("failed");
    }
  };

  return (
    <span className="copy">
      <Button onClick={copy}>{label}</Button>
      <span role="status" className="copy__status">
        {state === "copied" ? "Copied" : state === "failed" ? "Couldn’t copy: select the text and copy it yourself." : ""}
      </span>
    </span>
  );
}
