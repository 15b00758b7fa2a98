import { useCallback, useEffect, useEffectEvent, useState, type DependencyList } from "react";
import { isAbort } from "../api/client";

export interface Resource<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  /** Loads again, keeping the current data on screen meanwhile. */
  reload: () => void;
  /** Replaces the data locally after a change the server has confirmed. */
  setData: (update: (current: T | undefined) => T | undefined) => void;
}

/** Loads data for a screen, cancelling the request when its inputs change or it unmounts. */
export function useResource<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList): Resource<T> {
  const [data, setDataState] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [generation, setGeneration] = useState(0);
  // An effect event: the effect always runs the latest `load`, but only reruns when `deps` change.
  const loadLatest = useEffectEvent(load);

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    setError(null);
    loadLatest(controller.signal).then(
      (value) => {
        if (controller.signal.aborted) return;
        setDataState(value);
        setLoading(false);
      },
      (caught: unknown) => {
        if (controller.signal.aborted || isAbort(caught)) return;
        setError(caught);
        setLoading(false);
      },
    );
    return () => controller.abort();
    // Callers list `load`'s inputs in `deps`, as with useEffect; the lint checks them at each call site
    // (exhaustive-deps' additionalHooks in eslint.config.js), so only this forwarding line is exempt.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller's deps, checked where useResource is called
  }, [...deps, generation]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  const setData = useCallback((update: (current: T | undefined) => T | undefined) => setDataState(update), []);
  return { data, error, loading, reload, setData };
}
