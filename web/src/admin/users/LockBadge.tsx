import { DateTime } from "../../ui/Time";

export function isLocked(lockedUntil: string | null, now: number = Date.now()): boolean {
  return lockedUntil !== null && new Date(lockedUntil).getTime() > now;
}

export function LockBadge({ lockedUntil }: { lockedUntil: string | null }) {
  if (!isLocked(lockedUntil)) return <span className="badge badge--good">Active</span>;
  return (
    <span className="badge badge--warn">
      Locked until <DateTime value={lockedUntil!} />
    </span>
  );
}
