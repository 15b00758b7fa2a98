import { useEffect, useRef } from "react";
import { Button } from "../../../ui/Button";
import { E1RM_EXPLANATION } from "../../shared/e1rm";
import type { Celebration } from "./useWorkoutLog";

/**
 * New personal records, celebrated in the card of the exercise just logged, where the person is
 * looking. The live region is always in the page (regions that appear with their text are often
 * not announced); only its text changes.
 */
export function RecordBanner({ celebration, onDismiss }: { celebration: Celebration | null; onDismiss: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (celebration) ref.current?.classList.remove("record-banner--pop");
    // Restart the pop animation for each new record.
    void ref.current?.offsetWidth;
    if (celebration) ref.current?.classList.add("record-banner--pop");
  }, [celebration]);
  return (
    <div ref={ref} role="status" className={celebration ? "record-banner" : "visually-hidden"}>
      {celebration && (
        <>
          <span className="record-banner__icon" aria-hidden="true">
            ★
          </span>
          <div className="record-banner__text">
            <p className="record-banner__title">{celebration.title}:</p>
            <ul className="record-banner__list">
              {celebration.lines.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
            <p className="small">{E1RM_EXPLANATION}</p>
          </div>
          <Button variant="quiet" onClick={onDismiss} aria-label="Close the record message">
            Close
          </Button>
        </>
      )}
    </div>
  );
}
