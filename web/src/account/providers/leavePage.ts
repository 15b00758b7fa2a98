/** Sends the browser to another site (a provider's page): a full page load, kept apart so tests can watch it. */
export const leavePage = {
  to(url: string): void {
    window.location.assign(url);
  },
};
