import { useEffect, useState } from "react";
import { Button } from "../../../ui/Button";
import { formatDuration } from "../../shared/labels";

export interface Rest {
  endsAt: number;
  total: number;
  /** What comes next, e.g. "Bench press set 3". */
  label: string;
}

interface RestTimerProps {
  rest: Rest | null;
  onChange: (rest: Rest | null) => void;
  onDone: (label: string) => void;
  now?: () => number;
}

/** A countdown after a logged set, pinned to the bottom of the screen where a thumb reaches it. */
export function RestTimer({ rest, onChange, onDone, now = Date.now }: RestTimerProps) {
  const [current, setCurrent] = useState(now);
  useEffect(() => {
    if (!rest) return;
    setCurrent(now());
    const timer = window.setInterval(() => {
      const time = now();
      setCurrent(time);
      if (time >= rest.endsAt) {
        window.clearInterval(timer);
        navigator.vibrate?.(200);
        onChange(null);
        onDone(rest.label);
      }
    }, 250);
    return () => window.clearInterval(timer);
  }, [rest, now, onChange, onDone]);

  if (!rest) return null;
  const left = Math.max(0, Math.ceil((rest.endsAt - current) / 1000));
  const done = 1 - left / Math.max(1, rest.total);
  return (
    <div className="rest-timer floating-bar" role="region" aria-label="Rest timer">
      <div className="rest-timer__bar" style={{ transform: `scaleX(${Math.min(1, Math.max(0, done))})` }} aria-hidden="true" />
      <p className="rest-timer__time">
        {/* Read out on demand, not every second. */}
        <span className="visually-hidden">Rest: </span>
        <time>{formatDuration(left)}</time>
        <span className="muted small"> until {rest.label}</span>
      </p>
      <div className="rest-timer__actions">
        <Button variant="quiet" onClick={() => onChange({ ...rest, endsAt: rest.endsAt - 15_000, total: Math.max(1, rest.total - 15) })}>
          {/* The visible text starts the name (WCAG 2.5.3, label in name), so "tap −15 s" works by voice too. */}
          −15 s<span className="visually-hidden">: 15 seconds less rest</span>
        </Button>
        <Button variant="quiet" onClick={() => onChange({ ...rest, endsAt: rest.endsAt + 30_000, total: rest.total + 30 })}>
          +30 s<span className="visually-hidden">: 30 seconds more rest</span>
        </Button>
        <Button onClick={() => onChange(null)}>Skip rest</Button>
      </div>
    </div>
  );
}
