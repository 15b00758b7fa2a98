import { useEffect, useId, useState, type FormEvent } from "react";
import { api } from "../../api/fitfolio";
import type { AuditFilters } from "../../api/types";
import { Button } from "../../ui/Button";
import { TextField } from "../../ui/Field";
import { ErrorMessage } from "../../ui/Messages";
import { EMPTY_AUDIT_FILTERS, isoToLocalInput, localInputToIso, rangeProblem } from "./auditQuery";

interface AuditFiltersFormProps {
  initial: AuditFilters;
  onApply: (filters: AuditFilters) => void;
}

export function AuditFiltersForm({ initial, onApply }: AuditFiltersFormProps) {
  const [draft, setDraft] = useState<AuditFilters>(initial);
  const [problem, setProblem] = useState<string | null>(null);
  const [types, setTypes] = useState<string[]>([]);
  const typeListId = useId();

  // Suggestions only: the field stays free text, so a failed lookup costs nothing but the list.
  useEffect(() => {
    const controller = new AbortController();
    api.admin.auditEventTypes({ signal: controller.signal }).then(
      (list) => setTypes(list.items),
      () => undefined,
    );
    return () => controller.abort();
  }, []);
  const set = (key: keyof AuditFilters) => (value: string) => setDraft((current) => ({ ...current, [key]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = rangeProblem(draft);
    setProblem(found);
    if (!found) onApply(draft);
  };

  const clear = () => {
    setDraft(EMPTY_AUDIT_FILTERS);
    setProblem(null);
    onApply(EMPTY_AUDIT_FILTERS);
  };

  return (
    <form className="filters" onSubmit={submit} aria-label="Filter audit events">
      <TextField label="Event type" value={draft.type} onChange={(e) => set("type")(e.target.value)} list={typeListId} spellCheck={false} />
      <datalist id={typeListId}>
        {types.map((type) => (
          <option key={type} value={type} />
        ))}
      </datalist>
      <TextField label="User ID" value={draft.userId} onChange={(e) => set("userId")(e.target.value)} spellCheck={false} />
      <TextField label="IP address" value={draft.ip} onChange={(e) => set("ip")(e.target.value)} spellCheck={false} />
      <TextField label="From" type="datetime-local" value={isoToLocalInput(draft.from)} onChange={(e) => set("from")(localInputToIso(e.target.value))} />
      <TextField label="To" type="datetime-local" value={isoToLocalInput(draft.to)} onChange={(e) => set("to")(localInputToIso(e.target.value))} />
      <div className="filters__actions">
        <Button type="submit" variant="primary">
          Apply filters
        </Button>
        <Button onClick={clear}>Clear</Button>
      </div>
      <ErrorMessage error={problem} />
    </form>
  );
}
