import { useState, type FormEvent } from "react";
import { ApiError } from "../../api/errors";
import { trainingApi } from "../../api/training";
import type { BodyWeightEntry } from "../../api/trainingTypes";
import { Button } from "../../ui/Button";
import { TextField } from "../../ui/Field";
import { ErrorMessage, StatusMessage } from "../../ui/Messages";
import { EmptyState, PageHeader, Section } from "../../ui/Page";
import { Loading } from "../../ui/Spinner";
import { formatDate } from "../../ui/format";
import { useResource } from "../../ui/useResource";
import { TimeSeriesChart } from "../progress/charts/TimeSeriesChart";
import { UnitSelect } from "../shared/UnitSelect";
import { useWeightUnit } from "../shared/useWeightUnit";
import { formatWeight, fromKg, parseDecimal, toKg } from "../shared/units";

/** Today in the person's own calendar, yyyy-MM-dd. */
export function localToday(now: Date = new Date()): string {
  const offset = now.getTimezoneOffset() * 60_000;
  return new Date(now.getTime() - offset).toISOString().slice(0, 10);
}

export function BodyWeightPage() {
  const [unit, setUnit] = useWeightUnit();
  const entries = useResource((signal) => trainingApi.bodyWeight.list({}, { signal }).then((list) => list.items), []);
  const [date, setDate] = useState(localToday);
  const [weight, setWeight] = useState("");
  const [notes, setNotes] = useState("");
  const [problems, setProblems] = useState<{ date?: string; weight?: string }>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<string | null>(null);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const value = parseDecimal(weight);
    const found = {
      date: /^\d{4}-\d{2}-\d{2}$/.test(date) ? undefined : "Choose the day.",
      weight:
        value === null
          ? "Enter your weight."
          : Number.isNaN(value) || toKg(value, unit) < 20 || toKg(value, unit) > 500
            ? "Weight is between 20 and 500 kg (44–1102 lb)."
            : undefined,
    };
    setProblems(found);
    if (found.date || found.weight || value === null) return;
    setBusy(true);
    setError(null);
    try {
      const saved = await trainingApi.bodyWeight.put(date, { weight: value, unit, notes: notes.trim() || null });
      entries.setData((list) => [...(list ?? []).filter((entry) => entry.date !== saved.date), saved].sort((a, b) => a.date.localeCompare(b.date)));
      setStatus(`Saved ${formatWeight(saved.weightKg, unit)} for ${formatDate(`${saved.date}T12:00:00`)}.`);
      setWeight("");
      setNotes("");
    } catch (caught) {
      if (caught instanceof ApiError && caught.field === "weight") setProblems({ weight: caught.message });
      else setError(caught);
    } finally {
      setBusy(false);
    }
  };

  const remove = async (entry: BodyWeightEntry) => {
    setError(null);
    try {
      await trainingApi.bodyWeight.remove(entry.date);
      entries.setData((list) => list?.filter((item) => item.date !== entry.date));
      setStatus(`Deleted the entry for ${formatDate(`${entry.date}T12:00:00`)}.`);
    } catch (caught) {
      setError(caught);
    }
  };

  const points = (entries.data ?? []).map((entry) => ({ date: entry.date, value: fromKg(entry.weightKg, unit) }));
  return (
    <div className="stack-lg">
      <PageHeader title="Body weight" description="One entry a day; logging a day again replaces it." />
      <Section title="Log your weight">
        <form className="inline-form" onSubmit={save} noValidate aria-label="Log body weight">
          <TextField label="Day" type="date" value={date} max={localToday()} onChange={(event) => setDate(event.target.value)} error={problems.date ?? null} />
          <TextField
            label={`Weight (${unit})`}
            inputMode="decimal"
            value={weight}
            onChange={(event) => setWeight(event.target.value)}
            error={problems.weight ?? null}
          />
          <UnitSelect unit={unit} onChange={setUnit} />
          <TextField label="Note" placeholder="Optional" value={notes} maxLength={2000} onChange={(event) => setNotes(event.target.value)} />
          <Button type="submit" variant="primary" busy={busy} busyLabel="Saving…">
            Save
          </Button>
        </form>
        <ErrorMessage error={error} />
      </Section>
      <StatusMessage tone="success">{status}</StatusMessage>
      {entries.loading && !entries.data ? (
        <Loading label="Loading your entries…" />
      ) : entries.error ? (
        <ErrorMessage error={entries.error} onRetry={entries.reload} />
      ) : points.length === 0 ? (
        <EmptyState title="No entries yet">
          <p>Log your weight now and then; the trend shows up here.</p>
        </EmptyState>
      ) : (
        <>
          <TimeSeriesChart title="Body weight over time" points={points} format={(value) => formatWeight(toKg(value, unit), unit)} valueLabel="Weight" />
          <ul className="list" aria-label="Body weight entries">
            {[...(entries.data ?? [])].reverse().map((entry) => (
              <li key={entry.date} className="list__item">
                <div className="list__main">
                  <h3 className="list__title">{formatWeight(entry.weightKg, unit)}</h3>
                  <p className="list__meta">
                    <time dateTime={entry.date}>{formatDate(`${entry.date}T12:00:00`)}</time>
                    {entry.notes && <span>{entry.notes}</span>}
                  </p>
                </div>
                <Button
                  variant="quiet"
                  className="danger-text"
                  onClick={() => void remove(entry)}
                  aria-label={`Delete the entry for ${formatDate(`${entry.date}T12:00:00`)}`}
                >
                  Delete
                </Button>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
