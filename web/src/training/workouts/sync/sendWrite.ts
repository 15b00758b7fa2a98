import { request } from "../../../api/client";
import { ApiError, isApiError } from "../../../api/errors";
import { trainingApi } from "../../../api/training";
import type { SetInput } from "../../../api/trainingTypes";
import type { PendingWrite } from "./writeQueue";

/**
 * Sends one queued write. Two answers mean an earlier attempt did land even though its reply was
 * lost: a DELETE that finds nothing (404), and a create whose id is taken by other content
 * (409 set_conflict, the set was edited while the first reply was lost) — then the new content
 * replaces the stored set's.
 */
export async function sendWrite(write: PendingWrite): Promise<unknown> {
  try {
    return await request<unknown>(write.method, write.path, { body: write.body, idempotencyKey: write.idempotencyKey });
  } catch (error) {
    if (write.method === "DELETE" && error instanceof ApiError && error.status === 404) return undefined;
    if (write.meta?.action === "create_set" && isApiError(error, "set_conflict")) {
      const { id, ...changes } = write.body as SetInput;
      return request<unknown>("PUT", trainingApi.sets.setPath(write.workoutId, id), { body: changes, idempotencyKey: write.fallbackKey });
    }
    throw error;
  }
}
