import { describe, expect, it } from "vitest";
import { safeNextPath, signInPath } from "./nextPath";

describe("safeNextPath", () => {
  it("keeps same-origin paths with their query and fragment", () => {
    expect(safeNextPath("/account/sessions?x=1#top")).toBe("/account/sessions?x=1#top");
  });

  it.each([
    ["//evil.example/path"],
    ["/\\evil.example"],
    ["https://evil.example/"],
    ["javascript:alert(1)"],
    ["account"],
    ["/ok\nSet-Cookie: x"],
    [""],
    [null],
  ])("falls back to home for %j", (raw) => {
    expect(safeNextPath(raw)).toBe("/");
  });

  it("never sends people back into the sign-in pages", () => {
    expect(safeNextPath("/signin/check-email")).toBe("/");
    expect(safeNextPath("/auth/link")).toBe("/");
  });
});

describe("signInPath", () => {
  it("carries next only when it leads somewhere other than home", () => {
    expect(signInPath("/")).toBe("/signin");
    expect(signInPath("/admin/audit?type=x")).toBe("/signin?next=%2Fadmin%2Faudit%3Ftype%3Dx");
  });
});
