import { describe, expect, it } from "vitest";
import { describeWait, parseRetryAfter } from "./errors";

describe("parseRetryAfter", () => {
  it("reads delta-seconds", () => {
    expect(parseRetryAfter("120")).toBe(120);
  });

  it("reads an HTTP-date relative to now", () => {
    const now = Date.parse("2026-11-22T10:00:00Z");
    expect(parseRetryAfter("Sun, 22 Nov 2026 10:01:30 GMT", now)).toBe(90);
  });

  it("never returns a negative wait for a date in the past", () => {
    const now = Date.parse("2026-11-22T10:00:00Z");
    expect(parseRetryAfter("Sun, 22 Nov 2026 09:00:00 GMT", now)).toBe(0);
  });

  it("ignores missing or garbled values", () => {
    expect(parseRetryAfter(null)).toBeNull();
    expect(parseRetryAfter("soon")).toBeNull();
    expect(parseRetryAfter("-5")).toBeNull();
  });
});

describe("describeWait", () => {
  it("rounds up so we never promise too early", () => {
    expect(describeWait(1)).toBe("1 second");
    expect(describeWait(59)).toBe("59 seconds");
    expect(describeWait(61)).toBe("2 minutes");
    expect(describeWait(3600)).toBe("1 hour");
    expect(describeWait(3601)).toBe("2 hours");
  });
});
