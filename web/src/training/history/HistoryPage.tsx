import { useState } from "react";
import { trainingApi } from "../../api/training";
import type { WorkoutSummary } from "../../api/trainingTypes";
import { Button } from "../../ui/Button";
import { ErrorMessage } from "../../ui/Messages";
import { EmptyState, PageHeader } from "../../ui/Page";
import { Loading } from "../../ui/Spinner";
import { useResource } from "../../ui/useResource";
import { useWeightUnit } from "../shared/useWeightUnit";
import { WorkoutSummaryList } from "./WorkoutSummaryList";

const PAGE = 20;

export function HistoryPage() {
  const [unit] = useWeightUnit();
  const first = useResource((signal) => trainingApi.workouts.list(null, PAGE, "", { signal }), []);
  const [more, setMore] = useState<WorkoutSummary[]>([]);
  const [cursor, setCursor] = useState<string | null | undefined>(undefined);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const next = cursor === undefined ? (first.data?.nextCursor ?? null) : cursor;

  const loadMore = async () => {
    if (!next) return;
    setLoadingMore(true);
    setError(null);
    try {
      const page = await trainingApi.workouts.list(next, PAGE);
      setMore((current) => [...current, ...page.items]);
      setCursor(page.nextCursor);
    } catch (caught) {
      setError(caught);
    } finally {
      setLoadingMore(false);
    }
  };

  const items = [...(first.data?.items ?? []), ...more];
  return (
    <div className="stack-lg">
      <PageHeader title="History" description="Every workout you’ve logged or imported, newest first." />
      {first.loading && !first.data ? (
        <Loading label="Loading your workouts…" />
      ) : first.error ? (
        <ErrorMessage error={first.error} onRetry={first.reload} />
      ) : items.length === 0 ? (
        <EmptyState title="No workouts yet">
          <p>Finished workouts appear here with their sets and records.</p>
        </EmptyState>
      ) : (
        <>
          <WorkoutSummaryList items={items} unit={unit} label="Past workouts" />
          <ErrorMessage error={error} />
          {next && (
            <div className="pager">
              <Button onClick={() => void loadMore()} busy={loadingMore} busyLabel="Loading…">
                Load older workouts
              </Button>
            </div>
          )}
        </>
      )}
    </div>
  );
}
