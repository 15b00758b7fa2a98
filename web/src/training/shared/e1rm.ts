/** Epley is trustworthy only for low rep counts; above this the server records no e1RM. */
export const EPLEY_MAX_REPS = 12;

export const E1RM_EXPLANATION = `Estimated one-rep max (e1RM) uses the Epley formula, weight × (1 + reps ÷ 30), for sets of ${EPLEY_MAX_REPS} reps or fewer.`;

/** Epley's estimate for one set, or null where the formula does not apply. */
export function epley(weightKg: number, reps: number): number | null {
  if (!(weightKg > 0) || !Number.isInteger(reps) || reps < 1 || reps > EPLEY_MAX_REPS) return null;
  // The server applies the formula as written for every count, 1 rep included (docs/training-api.md).
  return weightKg * (1 + reps / 30);
}
