import { useEffect, useState, type FormEvent } from "react";
import { useNavigate, useSearchParams } from "react-router";
import { isAbort } from "../../api/client";
import { api } from "../../api/fitfolio";
import type { AdminUserSummary } from "../../api/types";
import { Button } from "../../ui/Button";
import { TextField } from "../../ui/Field";
import { ErrorMessage, StatusMessage } from "../../ui/Messages";
import { EmptyState, PageHeader } from "../../ui/Page";
import { Loading } from "../../ui/Spinner";
import { UserSearchResultsTable } from "./UserSearchResultsTable";

interface Results {
  items: AdminUserSummary[];
  nextCursor: string | null;
}

const USER_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function AdminUsersPage() {
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const query = params.get("query") ?? "";
  const [draft, setDraft] = useState(query);
  const [results, setResults] = useState<Results | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  // "Load more" may vanish on the last page; continue from the first newly shown user instead.
  const [focusRow, setFocusRow] = useState<number | null>(null);
  useEffect(() => {
    if (focusRow === null) return;
    document.querySelectorAll<HTMLElement>("[data-user-link]")[focusRow]?.focus();
    setFocusRow(null);
  }, [focusRow]);

  useEffect(() => {
    const controller = new AbortController();
    setDraft(query);
    setLoading(true);
    setError(null);
    api.admin.searchUsers(query, null, { signal: controller.signal }).then(
      (page) => {
        setResults(page);
        setLoading(false);
      },
      (caught: unknown) => {
        if (isAbort(caught)) return;
        setError(caught);
        setLoading(false);
      },
    );
    return () => controller.abort();
  }, [query]);

  const search = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = draft.trim();
    // The server searches addresses only; a user ID names one account, so go straight to it.
    if (USER_ID.test(trimmed)) return void navigate(`/admin/users/${encodeURIComponent(trimmed.toLowerCase())}`);
    setParams(trimmed ? { query: trimmed } : {});
  };

  const loadMore = async () => {
    if (!results?.nextCursor) return;
    setLoadingMore(true);
    setError(null);
    try {
      const page = await api.admin.searchUsers(query, results.nextCursor);
      setResults({ items: [...results.items, ...page.items], nextCursor: page.nextCursor });
      setFocusRow(results.items.length);
    } catch (caught) {
      setError(caught);
    } finally {
      setLoadingMore(false);
    }
  };

  return (
    <div className="stack-lg">
      <PageHeader title="Users" description="Find an account to review its sessions and passkeys, or to lock it." />
      <form className="inline-form" role="search" onSubmit={search} aria-label="Search users">
        <TextField label="Search by email or user ID" type="search" value={draft} onChange={(event) => setDraft(event.target.value)} />
        <Button type="submit" variant="primary">
          Search
        </Button>
      </form>
      <StatusMessage>
        {!loading && results ? `${results.items.length}${results.nextCursor ? "+" : ""} user${results.items.length === 1 ? "" : "s"} found.` : ""}
      </StatusMessage>
      {loading ? (
        <Loading label="Searching users…" />
      ) : results && results.items.length > 0 ? (
        <UserSearchResultsTable users={results.items} />
      ) : results ? (
        <EmptyState title="No users found">
          <p>{query ? `Nobody matches “${query}”.` : "There are no accounts yet."}</p>
        </EmptyState>
      ) : null}
      <ErrorMessage error={error} />
      {results?.nextCursor && !loading && (
        <div className="pager">
          <Button onClick={loadMore} busy={loadingMore} busyLabel="Loading…">
            Load more users
          </Button>
        </div>
      )}
    </div>
  );
}
