import "@testing-library/jest-dom/vitest";
import { cleanup, configure } from "@testing-library/react";
import { afterEach, beforeEach } from "vitest";
import { resetCsrfPriming } from "../src/api/client";
import { preferences } from "../src/preferences/usePreferences";

// The machine is shared with backend builds; give findBy* room on a busy CPU instead of flaking.
configure({ asyncUtilTimeout: 5000 });

// jsdom has <dialog> but not its modal methods; model just the open state they toggle.
if (typeof HTMLDialogElement !== "undefined" && !HTMLDialogElement.prototype.showModal) {
  HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
    this.open = true;
  };
  HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement) {
    this.open = false;
  };
}

function clearCookies() {
  for (const part of document.cookie.split(";")) {
    const name = part.split("=")[0]?.trim();
    // Prefixed cookies can only be overwritten with the attributes their prefix demands.
    if (name) document.cookie = `${name}=; Path=/; Secure; Expires=Thu, 01 Jan 1970 00:00:00 GMT`;
  }
}

beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
  clearCookies();
  resetCsrfPriming();
  preferences.reset();
});

afterEach(() => {
  cleanup();
});
