import { useState } from "react";
import { useSearchParams } from "react-router";
import { trainingApi } from "../../api/training";
import { ErrorMessage } from "../../ui/Messages";
import { EmptyState, PageHeader, Section } from "../../ui/Page";
import { Loading } from "../../ui/Spinner";
import { useResource } from "../../ui/useResource";
import { E1RM_EXPLANATION } from "../shared/e1rm";
import { describeRecord } from "../shared/records";
import { SelectField } from "../shared/Select";
import { UnitSelect } from "../shared/UnitSelect";
import { useWeightUnit } from "../shared/useWeightUnit";
import { formatWeight, fromKg, toKg, type WeightUnit } from "../shared/units";
import { StackedBarChart } from "./charts/StackedBarChart";
import { TimeSeriesChart } from "./charts/TimeSeriesChart";
import { muscleWeeks, type MuscleMetric } from "./muscleWeeks";

/** Progress per exercise (e1RM, volume, records) and weekly sets or volume per muscle group. */
export function ProgressPage() {
  const [unit, setUnit] = useWeightUnit();
  const [params, setParams] = useSearchParams();
  // The exercises worth charting are the ones with records: the person has logged them.
  const logged = useResource(
    (signal) =>
      trainingApi.records(undefined, { signal }).then((list) => {
        const names = new Map<string, string>();
        for (const record of list.items) names.set(record.exerciseId, record.exerciseName);
        return [...names.entries()].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
      }),
    [],
  );
  const chosen = params.get("exercise") ?? logged.data?.[0]?.id ?? null;

  return (
    <div className="stack-lg">
      <PageHeader title="Progress" description="How each lift moves over time, and where your weekly work goes." />
      {logged.loading && !logged.data ? (
        <Loading label="Loading your exercises…" />
      ) : logged.error ? (
        <ErrorMessage error={logged.error} onRetry={logged.reload} />
      ) : !logged.data || logged.data.length === 0 || !chosen ? (
        <EmptyState title="Nothing to chart yet">
          <p>Log or import a workout and your progress appears here.</p>
        </EmptyState>
      ) : (
        <>
          <div className="inline-form">
            <SelectField
              label="Exercise"
              value={chosen}
              options={logged.data.map((exercise) => ({ value: exercise.id, label: exercise.name }))}
              onChange={(event) => setParams({ exercise: event.target.value }, { replace: true })}
            />
            <UnitSelect unit={unit} onChange={setUnit} />
          </div>
          <ExerciseProgress key={chosen} exerciseId={chosen} name={logged.data.find((exercise) => exercise.id === chosen)?.name ?? ""} unit={unit} />
        </>
      )}
      <MuscleVolume unit={unit} />
    </div>
  );
}

function ExerciseProgress({ exerciseId, name, unit }: { exerciseId: string; name: string; unit: WeightUnit }) {
  const progress = useResource((signal) => trainingApi.exercises.progress(exerciseId, { signal }).then((list) => list.items), [exerciseId]);
  const records = useResource((signal) => trainingApi.exercises.records(exerciseId, { signal }).then((list) => list.items), [exerciseId]);
  // Charted in the person's unit, so axis ticks fall on round numbers of it.
  const inUnit = (kg: number) => fromKg(kg, unit);
  const format = (value: number) => formatWeight(toKg(value, unit), unit);

  if (progress.loading && !progress.data) return <Loading label={`Loading ${name}…`} />;
  if (progress.error) return <ErrorMessage error={progress.error} onRetry={progress.reload} />;
  const points = progress.data ?? [];
  const e1rm = points.filter((point) => point.bestE1rmKg !== null).map((point) => ({ date: point.date, value: inUnit(point.bestE1rmKg!) }));
  const volume = points.filter((point) => point.volumeKg !== null).map((point) => ({ date: point.date, value: inUnit(point.volumeKg!) }));
  return (
    <div className="chart-grid">
      <TimeSeriesChart title={`${name}: estimated 1RM`} description={E1RM_EXPLANATION} points={e1rm} format={format} valueLabel="Best e1RM" />
      <TimeSeriesChart
        title={`${name}: volume per workout`}
        description="Weight × reps summed over the workout’s sets."
        points={volume}
        format={format}
        valueLabel="Volume"
      />
      <Section title={`${name}: records`}>
        {records.error ? (
          <ErrorMessage error={records.error} onRetry={records.reload} />
        ) : records.data && records.data.length > 0 ? (
          <ul className="stack small" aria-label={`Records for ${name}`}>
            {records.data.map((record) => (
              <li key={record.type + (record.atWeightKg ?? "")}>
                {describeRecord({ ...record, previous: undefined }, unit).replace(/^./, (c) => c.toUpperCase())}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">No records yet.</p>
        )}
      </Section>
    </div>
  );
}

function MuscleVolume({ unit }: { unit: WeightUnit }) {
  const [metric, setMetric] = useState<MuscleMetric>("sets");
  const [weeks, setWeeks] = useState(12);
  const data = useResource((signal) => trainingApi.progress.muscleVolume(weeks, { signal }).then((list) => list.items), [weeks]);
  const { rows, series } = muscleWeeks(data.data ?? [], metric);
  const format = metric === "sets" ? (value: number) => `${Math.round(value * 10) / 10}` : (value: number) => formatWeight(value, unit);
  return (
    <section className="stack" aria-labelledby="muscle-volume">
      <h2 id="muscle-volume">Weekly work per muscle group</h2>
      <div className="inline-form">
        <SelectField
          label="Measure"
          value={metric}
          onChange={(event) => setMetric(event.target.value === "volumeKg" ? "volumeKg" : "sets")}
          options={[
            { value: "sets", label: "Sets" },
            { value: "volumeKg", label: "Volume (weight × reps)" },
          ]}
        />
        <SelectField
          label="Period"
          value={String(weeks)}
          onChange={(event) => setWeeks(Number(event.target.value))}
          options={[4, 12, 26, 52].map((value) => ({ value: String(value), label: `Last ${value} weeks` }))}
        />
      </div>
      {data.loading && !data.data ? (
        <Loading label="Loading weekly volume…" />
      ) : data.error ? (
        <ErrorMessage error={data.error} onRetry={data.reload} />
      ) : (
        <StackedBarChart
          title={metric === "sets" ? "Sets per muscle group, by week" : "Volume per muscle group, by week"}
          description="A set counts fully for each muscle it mainly works and half for each it also works. Warm-ups don’t count."
          rows={rows}
          series={series}
          format={format}
        />
      )}
    </section>
  );
}
