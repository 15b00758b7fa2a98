import { Link } from "react-router";
import { ErrorMessage } from "../../ui/Messages";
import { trainingPaths } from "../paths";

/** Why a workout did not start, with a way to the one in progress when that is the reason. */
export function StartProblem({ error, inProgressId }: { error: unknown; inProgressId: string | null }) {
  if (!error) return null;
  return (
    <>
      <ErrorMessage error={error} />
      {inProgressId && (
        <p>
          <Link to={trainingPaths.workout(inProgressId)}>Resume the workout in progress</Link>
        </p>
      )}
    </>
  );
}
