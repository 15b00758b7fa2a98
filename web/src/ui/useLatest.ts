import { useLayoutEffect, useRef, type RefObject } from "react";

/**
 * A ref holding the latest committed `value`, for callbacks that outlive a render (event handlers,
 * subscriptions, queued work). Written after each commit, not during render, so a render React throws
 * away never leaks into it (react-hooks/refs).
 */
export function useLatest<T>(value: T): RefObject<T> {
  const ref = useRef(value);
  useLayoutEffect(() => {
    ref.current = value;
  });
  return ref;
}
