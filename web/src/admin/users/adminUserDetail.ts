import { api } from "../../api/fitfolio";
import type { AdminUserDetail } from "../../api/types";

/** Enough pages to reach any one address among those containing it, without walking the whole table. */
const MAX_SEARCH_PAGES = 5;

/**
 * The user's detail with its admin lock. `GET /admin/users/{id}` answers with the user's profile,
 * which carries no lock state, while the search summary does; without it the page would show a
 * locked account as active and offer no way to unlock it. So when the detail leaves `lockedUntil`
 * out, it is taken from the search by the user's own address (substring search, matched by id).
 */
export async function loadAdminUserDetail(userId: string, signal?: AbortSignal): Promise<AdminUserDetail> {
  const detail = await api.admin.getUser(userId, { signal });
  if (detail.user.lockedUntil !== undefined) return detail;
  let cursor: string | null = null;
  for (let page = 0; page < MAX_SEARCH_PAGES; page += 1) {
    const found = await api.admin.searchUsers(detail.user.email, cursor, { signal });
    const match = found.items.find((summary) => summary.id === detail.user.id);
    if (match) return { ...detail, user: { ...detail.user, lockedUntil: match.lockedUntil } };
    if (!found.nextCursor) break;
    cursor = found.nextCursor;
  }
  return detail;
}
