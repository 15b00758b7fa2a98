import { act, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { OfflineBanner } from "./OfflineBanner";

describe("offline banner", () => {
  afterEach(() => vi.restoreAllMocks());

  it("appears when the browser goes offline and goes when it is back", () => {
    const onLine = vi.spyOn(navigator, "onLine", "get").mockReturnValue(true);
    render(<OfflineBanner />);
    expect(screen.getByTestId("offline-banner")).toBeEmptyDOMElement();

    onLine.mockReturnValue(false);
    act(() => void window.dispatchEvent(new Event("offline")));
    expect(screen.getByTestId("offline-banner")).toHaveTextContent("You’re offline. FitFolio keeps working");

    onLine.mockReturnValue(true);
    act(() => void window.dispatchEvent(new Event("online")));
    expect(screen.getByTestId("offline-banner")).toBeEmptyDOMElement();
  });
});
