import { describe, expect, it } from "vitest";
import { greeting } from "./greeting";

describe("home greeting", () => {
  it("asks late at night without a stray comma, and greets otherwise", () => {
    expect(greeting(2, "ada")).toBe("Late session, ada?");
    expect(greeting(8, "ada")).toBe("Good morning, ada.");
    expect(greeting(14, "ada")).toBe("Good afternoon, ada.");
    expect(greeting(21, "ada")).toBe("Good evening, ada.");
  });
});
