import { describe, expect, it } from "vitest";
import { EMPTY_AUDIT_FILTERS, filtersFromParams, isoToLocalInput, localInputToIso, paramsFromFilters, rangeProblem } from "./auditQuery";

describe("audit query", () => {
  it("round-trips filters through the page URL, leaving blanks out", () => {
    const filters = { ...EMPTY_AUDIT_FILTERS, type: "passkey.deleted", ip: " 203.0.113.9 " };
    const params = paramsFromFilters(filters, "cur-2");

    expect(params.toString()).toBe("type=passkey.deleted&ip=203.0.113.9&cursor=cur-2");
    expect(filtersFromParams(params)).toEqual({ ...EMPTY_AUDIT_FILTERS, type: "passkey.deleted", ip: "203.0.113.9" });
  });

  it("converts local datetime inputs to UTC instants and back", () => {
    const iso = localInputToIso("2026-11-22T09:30");
    expect(iso).toBe(new Date(2026, 10, 22, 9, 30).toISOString());
    expect(isoToLocalInput(iso)).toBe("2026-11-22T09:30");
    expect(localInputToIso("")).toBe("");
    expect(isoToLocalInput("not a date")).toBe("");
  });

  it("refuses a range that ends before it starts", () => {
    expect(rangeProblem({ ...EMPTY_AUDIT_FILTERS, from: "2026-11-22T10:00:00Z", to: "2026-11-21T10:00:00Z" })).toMatch(/earlier/);
    expect(rangeProblem({ ...EMPTY_AUDIT_FILTERS, from: "2026-11-21T10:00:00Z", to: "2026-11-22T10:00:00Z" })).toBeNull();
  });
});
