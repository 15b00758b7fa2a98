import { useEffect, useRef } from "react";
import { useLocation } from "react-router";

/**
 * After client-side navigation nothing tells a screen reader the page changed, and focus
 * stays on a link that may no longer exist. Move it to the new page's heading instead.
 */
export function useRouteFocus(mainId: string) {
  const { pathname } = useLocation();
  const firstRender = useRef(true);

  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    const main = document.getElementById(mainId);
    if (!main) return;
    const heading = main.querySelector<HTMLElement>("h1");
    (heading ?? main).focus();
  }, [pathname, mainId]);
}
