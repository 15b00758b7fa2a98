import type { User } from "../src/api/types";

export function aUser(overrides: Partial<User> = {}): User {
  return {
    id: "u-1",
    email: "ada@example.com",
    emailVerified: true,
    isAdmin: false,
    emailSignInEnabled: true,
    passkeyCount: 1,
    createdAt: "2026-01-10T09:00:00Z",
    ...overrides,
  };
}
