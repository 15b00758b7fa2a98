/** Why linking a provider came back to the account page (`?link_error=`), in words. */
const LINK_ERRORS: Record<string, string> = {
  linked_elsewhere: "That provider account is already linked to another FitFolio account. Unlink it there first.",
  session_ended: "You were signed out before the provider answered. Sign in and try again.",
  denied: "You cancelled at the provider. Nothing was linked.",
  replayed: "That answer from the provider was already used. Start again.",
  refused: "This account can’t link a provider right now.",
  failed: "Linking the provider didn’t work. Try again.",
};

export function linkError(code: string | null): string | null {
  return code ? (LINK_ERRORS[code] ?? LINK_ERRORS["failed"]!) : null;
}
