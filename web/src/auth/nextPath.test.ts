import { describe, expect, it } from "vitest";
import { MAX_NEXT_LENGTH, safeNextPath, signInPath, withNext } from "./nextPath";

const ORIGIN = "https://fitfolio.example";

describe("safeNextPath", () => {
  it("keeps same-origin paths with their query and fragment", () => {
    expect(safeNextPath("/account/sessions?x=1#top", ORIGIN)).toBe("/account/sessions?x=1#top");
  });

  it("answers the parsed path, never the raw input", () => {
    expect(safeNextPath("/training/../account/./sessions", ORIGIN)).toBe("/account/sessions");
    expect(safeNextPath("/training?q=bench press", ORIGIN)).toBe("/training?q=bench%20press");
    // A relative reference resolves against the origin's root, like any other.
    expect(safeNextPath("account", ORIGIN)).toBe("/account");
  });

  it("takes an absolute URL on the app's own origin as its path", () => {
    expect(safeNextPath(`${ORIGIN}/account/sessions?tab=1#x`, ORIGIN)).toBe("/account/sessions?tab=1#x");
    expect(safeNextPath("HTTPS://FITFOLIO.EXAMPLE:443/training", ORIGIN)).toBe("/training");
    // Our scheme without "//" is a relative reference (WHATWG URL), so this is our own /evil.example.
    expect(safeNextPath("https:evil.example", ORIGIN)).toBe("/evil.example");
  });

  it("uses the page's own origin when none is given", () => {
    expect(safeNextPath(`${window.location.origin}/training`)).toBe("/training");
    expect(safeNextPath("https://evil.example/training")).toBe("/");
  });

  it.each([
    // Network-path references: another host with our scheme.
    ["//evil.example/path"],
    ["///evil.example"],
    ["/\\evil.example"],
    ["\\\\evil.example"],
    ["\\/evil.example"],
    ["/\\/evil.example"],
    // Dot segments that normalize into a network-path reference.
    ["/.//evil.example"],
    ["/./\\evil.example"],
    ["/x/..//evil.example"],
    ["/%2e//evil.example"],
    ["/%2E%2E//evil.example"],
    // Encoded slashes and backslashes, which a router or proxy may decode once.
    ["/%2F/evil.example"],
    ["/%2f%2fevil.example"],
    ["/%5C/evil.example"],
    ["/%5cevil.example"],
    ["/%2F%5Cevil.example"],
    ["/%E0%A4%A"],
    // Schemes, also with the tabs and newlines the URL parser silently drops.
    ["javascript:alert(1)"],
    ["JavaScript:alert(1)"],
    ["java\tscript:alert(1)"],
    ["java\nscript:alert(1)"],
    ["\u0000javascript:alert(1)"],
    ["data:text/html,<script>alert(1)</script>"],
    ["http://other.example/"],
    ["h\ttps://evil.example"],
    ["https://evil.example"],
    ["http://fitfolio.example/account"],
    ["https://fitfolio.example:8443/account"],
    ["https://fitfolio.example@evil.example/"],
    ["//fitfolio.example@evil.example"],
    // A header smuggled in, or nothing at all.
    ["/ok\nSet-Cookie: x"],
    ["/ok\r\n"],
    ["  //evil.example"],
    [""],
    [null],
    [undefined],
  ])("falls back to home for %j", (raw) => {
    expect(safeNextPath(raw, ORIGIN)).toBe("/");
  });

  it("refuses a path longer than any the app links to", () => {
    const path = `/training/${"a".repeat(MAX_NEXT_LENGTH)}`;
    expect(safeNextPath(path, ORIGIN)).toBe("/");
    expect(safeNextPath(path.slice(0, MAX_NEXT_LENGTH), ORIGIN)).toBe(path.slice(0, MAX_NEXT_LENGTH));
  });

  it("never sends people back into the sign-in pages, in any spelling", () => {
    expect(safeNextPath("/signin/check-email", ORIGIN)).toBe("/");
    expect(safeNextPath("/auth/link", ORIGIN)).toBe("/");
    expect(safeNextPath("/SignIn", ORIGIN)).toBe("/");
    expect(safeNextPath("/x/../auth/link#token=1", ORIGIN)).toBe("/");
  });
});

describe("signInPath and withNext", () => {
  it("carry next only when it leads somewhere other than home", () => {
    expect(signInPath("/")).toBe("/signin");
    expect(signInPath("/admin/audit?type=x")).toBe("/signin?next=%2Fadmin%2Faudit%3Ftype%3Dx");
    expect(withNext("/welcome/passkey", "/.//evil.example")).toBe("/welcome/passkey");
    expect(signInPath("/%2F/evil.example")).toBe("/signin");
  });
});
