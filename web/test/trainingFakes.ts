import { apiError, json } from "./fakeServer";

/** What the training home asks for, answered as for a person who has logged nothing yet. */
export function emptyTrainingHome() {
  return {
    "GET /training/workouts/active": apiError(404, "not_found"),
    "GET /training/workouts": json(200, { items: [], nextCursor: null }),
    "GET /training/programs": json(200, { items: [] }),
  };
}
