export function Spinner() {
  return <span className="spinner" aria-hidden="true" />;
}

/** A polite, labelled placeholder while something loads. */
export function Loading({ label }: { label: string }) {
  return (
    <p className="loading" role="status">
      <Spinner />
      <span>{label}</span>
    </p>
  );
}
