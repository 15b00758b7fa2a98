import { useEffect, useMemo, useRef } from "react";
import { Link, useSearchParams } from "react-router";
import { api } from "../../api/fitfolio";
import type { AuditFilters } from "../../api/types";
import { Button } from "../../ui/Button";
import { ErrorMessage, StatusMessage } from "../../ui/Messages";
import { EmptyState, PageHeader } from "../../ui/Page";
import { Loading } from "../../ui/Spinner";
import { useResource } from "../../ui/useResource";
import { AuditFiltersForm } from "./AuditFiltersForm";
import { AuditTable } from "./AuditTable";
import { AUDIT_PAGE_SIZE, filtersFromParams, paramsFromFilters } from "./auditQuery";

const RESULTS_ID = "audit-results";

export function AuditPage() {
  const [params, setParams] = useSearchParams();
  const query = params.toString();
  const filters = useMemo(() => filtersFromParams(new URLSearchParams(query)), [query]);
  const cursor = params.get("cursor");
  const events = useResource((signal) => api.admin.auditEvents(filters, cursor, AUDIT_PAGE_SIZE, { signal }), [filters, cursor]);

  // Paging replaces the button that was pressed, so hand focus to the fresh results.
  const paged = useRef(false);
  useEffect(() => {
    if (!paged.current || events.loading) return;
    paged.current = false;
    document.getElementById(RESULTS_ID)?.focus();
  }, [events.loading]);

  const apply = (next: AuditFilters) => setParams(paramsFromFilters(next));
  const older = (nextCursor: string) => {
    paged.current = true;
    setParams(paramsFromFilters(filters, nextCursor));
  };
  const items = events.data?.items ?? [];

  return (
    <div className="stack-lg">
      <PageHeader title="Audit log" description="Security-relevant events across all accounts, newest first." />
      {/* Keyed by the URL so Back/Forward and "Clear" show the filters actually in force. */}
      <AuditFiltersForm key={paramsFromFilters(filters).toString()} initial={filters} onApply={apply} />
      <StatusMessage>
        {events.loading ? "" : events.data ? `Showing ${items.length} event${items.length === 1 ? "" : "s"}${cursor ? " (older page)" : ""}.` : ""}
      </StatusMessage>
      {events.loading ? (
        <Loading label="Loading events…" />
      ) : events.error ? (
        <ErrorMessage error={events.error} onRetry={events.reload} />
      ) : items.length === 0 ? (
        <EmptyState title="No events match">
          <p>Try a wider time range or fewer filters.</p>
        </EmptyState>
      ) : (
        <AuditTable id={RESULTS_ID} events={items} />
      )}
      <div className="pager">
        {cursor && (
          <Link className="button button--secondary" to={{ search: paramsFromFilters(filters).toString() }} onClick={() => (paged.current = true)}>
            Newest
          </Link>
        )}
        {events.data?.nextCursor && !events.loading && <Button onClick={() => older(events.data!.nextCursor!)}>Older</Button>}
      </div>
    </div>
  );
}
