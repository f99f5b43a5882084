/**
 * The desktop app's small always-on-top switcher window (main/app/switcher-window.ts loads
 * `index.html#switcher`): only the tenant switcher, always open, filling the window. After a launch,
 * or on Escape, the switcher closes itself; this then closes the window (main hides it, to show it
 * again at once on the next hotkey) and opens a fresh switcher for next time.
 */
import { useEffect, useRef, useState } from 'react';
import { subscribeToCustomerChanges, useCustomers } from '../features/customers';
import { openSwitcher, SwitcherDialog } from '../features/launch';

/** The hash main/app/switcher-window.ts loads. */
const SWITCHER_WINDOW_HASH = '#switcher';

export function isSwitcherWindow(): boolean {
  return window.location.hash === SWITCHER_WINDOW_HASH;
}

/**
 * In its own window the switcher is the whole page: no dimmed backdrop, no floating card. Scoped to
 * this window, which shows nothing else.
 */
const FILL_WINDOW = `
  html, body, #root { height: 100%; margin: 0; overflow: hidden; }
  div:has(> [data-testid="switcher"]) { background: transparent !important; padding: 0 !important; }
  [data-testid="switcher"] {
    width: 100vw !important; max-height: 100vh !important; height: 100vh;
    border-radius: 0 !important; box-shadow: none !important;
  }
  [data-testid="switcher"] [role="listbox"] { max-height: none !important; flex-grow: 1; }
`;

export function SwitcherWindow() {
  const host = useRef<HTMLDivElement>(null);
  // A new key gives a new switcher: an empty search box each time the window is shown again.
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    const off = subscribeToCustomerChanges();
    void useCustomers.getState().load();
    openSwitcher();
    return off;
  }, []);

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    // The switcher renders nothing once it has launched or Escape was pressed.
    const observer = new MutationObserver(() => {
      if (element.querySelector('[data-testid="switcher"]')) return;
      window.close();
      openSwitcher();
    });
    observer.observe(element, { childList: true });
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') setGeneration((g) => g + 1);
    };
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      observer.disconnect();
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, []);

  return (
    <>
      <style>{FILL_WINDOW}</style>
      <div ref={host}>
        <SwitcherDialog key={generation} toasterId="switcher-window" />
      </div>
    </>
  );
}
