import {
  Button,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Toast,
  ToastBody,
  ToastTitle,
  tokens,
  useToastController,
} from '@fluentui/react-components';
import { Search20Regular } from '@fluentui/react-icons';
import {
  memo,
  useCallback,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
} from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { create } from 'zustand';
import type { LaunchTarget } from '../../../../shared/contract/contract';
import type { ListedCustomer as Customer } from '../../../../shared/customers/customer-directory';
import { describeReach } from '../../../../shared/customers/reach-words';
import { buildSwitcherIndex, rankSwitcher } from '../../../../shared/launch/switcher-rank';
import { AcceptInvitationFirst } from './AcceptInvitationFirst';
import { launchTarget } from './launch';
import { useCustomers } from '../customers';
import { OPTION_HEIGHT, SwitcherOption } from './SwitcherOption';
import { SWITCHER_TARGETS, TargetChips, targetLabel } from './TargetChips';

/** How many matches the list holds: enough to scroll through; only those in view are rendered. */
const SHOWN = 50;

/**
 * Fluent's focus manager (Tabster) moves focus on Tab itself, before the page's handlers run; the
 * switcher uses Tab to pick the portal, so it tells Tabster to leave its keys alone.
 */
const TABSTER_LEAVE_KEYS = JSON.stringify({
  focusable: { ignoreKeydown: { Tab: true, Enter: true, Escape: true, ArrowUp: true, ArrowDown: true } },
});

/** One element for the panel's life: React skips it when the panel re-renders. */
const SEARCH_ICON = <Search20Regular aria-hidden />;

const IS_MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const SHORTCUT = IS_MAC ? '⌘K' : 'Ctrl+K';

interface SwitcherState {
  readonly open: boolean;
}
const useSwitcher = create<SwitcherState>(() => ({ open: false }));

/** Opens the tenant switcher (also Ctrl+K / Cmd+K anywhere in the window). */
export function openSwitcher(): void {
  useSwitcher.setState({ open: true });
}

function closeSwitcher(): void {
  useSwitcher.setState({ open: false });
}

function isSwitcherShortcut(e: globalThis.KeyboardEvent): boolean {
  return (
    (e.ctrlKey || e.metaKey) &&
    !e.altKey &&
    !e.shiftKey &&
    (e.key === 'k' || e.key === 'K' || e.code === 'KeyK')
  );
}

const useStyles = makeStyles({
  headerButton: {
    marginLeft: 'auto',
    color: 'inherit',
    ':hover': { color: tokens.colorNeutralForegroundOnBrand },
    ':hover:active': { color: tokens.colorNeutralForegroundOnBrand },
  },
  kbd: {
    marginLeft: tokens.spacingHorizontalS,
    padding: `0 ${tokens.spacingHorizontalXS}`,
    border: `1px solid currentColor`,
    borderRadius: tokens.borderRadiusSmall,
    fontSize: tokens.fontSizeBase200,
    fontFamily: 'inherit',
    opacity: 0.85,
  },
  backdrop: {
    position: 'fixed',
    inset: 0,
    zIndex: 1000,
    backgroundColor: tokens.colorBackgroundOverlay,
    display: 'flex',
    justifyContent: 'center',
    alignItems: 'flex-start',
    paddingTop: '10vh',
    // Its size is the window's, whatever is in it: a keystroke's relayout stays inside the switcher
    // and never walks the page behind (a thousand layout objects with 10,000 customers).
    contain: 'strict',
  },
  panel: {
    width: 'min(680px, calc(100vw - 32px))',
    maxHeight: '76vh',
    display: 'flex',
    flexDirection: 'column',
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusXLarge,
    boxShadow: tokens.shadow64,
    overflow: 'hidden',
  },
  searchRow: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    color: tokens.colorNeutralForeground3,
  },
  input: {
    flexGrow: 1,
    border: 'none',
    outline: 'none',
    backgroundColor: 'transparent',
    color: tokens.colorNeutralForeground1,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase500,
    lineHeight: tokens.lineHeightBase500,
    minWidth: 0,
  },
  // Its height comes from the number of matches (set inline), not from the rows rendered: the
  // virtualiser decides which rows to render from the height, so the height must not depend on them.
  list: {
    padding: `0 ${tokens.spacingHorizontalXS}`,
    overflowY: 'auto',
    flexShrink: 1,
    minHeight: 0,
    maxHeight: '50vh',
    // The list's height is set from the results: its rows never change the layout around it.
    contain: 'strict',
  },
  empty: { padding: tokens.spacingVerticalXL, textAlign: 'center', color: tokens.colorNeutralForeground2 },
  footer: {
    display: 'flex',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
    color: tokens.colorNeutralForeground3,
    fontSize: tokens.fontSizeBase200,
  },
  message: { margin: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL} 0` },
});

/** The header's way in to the switcher, so it can be found without knowing the shortcut. */
export function SwitcherButton() {
  const styles = useStyles();
  return (
    <Button
      appearance="transparent"
      className={styles.headerButton}
      icon={<Search20Regular />}
      onClick={openSwitcher}
      aria-label={`Switch tenant (${SHORTCUT})`}
      aria-keyshortcuts="Control+K Meta+K"
    >
      Switch tenant
      <kbd className={styles.kbd}>{SHORTCUT}</kbd>
    </Button>
  );
}

/**
 * The tenant switcher: type part of a customer's name, domain, tenant ID or a tag; arrows move; Enter
 * opens the chosen portal (Security Copilot unless Tab picked another) in that customer's tenant;
 * Escape closes. Each row says the path the analyst will arrive by; a customer reached only through a
 * guest invitation not accepted yet says to accept it first (with the link, when Switchboard sent it)
 * and opens on a second Enter. A combobox over a listbox (WAI-ARIA APG), the list capped at SHOWN rows, so a
 * keystroke with 10,000 customers stays within a frame. Listens for Ctrl/Cmd+K itself.
 */
export function SwitcherDialog({ toasterId }: { readonly toasterId: string }) {
  const open = useSwitcher((s) => s.open);

  useEffect(() => {
    const onKeyDown = (e: globalThis.KeyboardEvent) => {
      if (!isSwitcherShortcut(e)) return;
      // Another dialog (a form, a confirmation) keeps the keyboard until it is closed.
      if (!useSwitcher.getState().open && document.querySelector('[role="dialog"][aria-modal="true"]'))
        return;
      e.preventDefault();
      openSwitcher();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  return open ? <SwitcherPanel toasterId={toasterId} /> : null;
}

function SwitcherPanel({ toasterId }: { readonly toasterId: string }) {
  const styles = useStyles();
  const customers = useCustomers((s) => s.customers);
  const index = useMemo(() => buildSwitcherIndex(customers), [customers]);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [target, setTarget] = useState<LaunchTarget>(SWITCHER_TARGETS[0] ?? 'securityCopilot');
  const [launching, setLaunching] = useState(false);
  const [error, setError] = useState<{ title: string; message: string }>();
  // A customer reached only by a guest invitation not accepted yet: held back with what to do first;
  // choosing it again (Enter, a click, Open anyway) opens it all the same.
  const [held, setHeld] = useState<Customer>();
  const result = useMemo(() => rankSwitcher(index, query, SHOWN), [index, query]);
  const inputRef = useRef<HTMLInputElement>(null);
  const ids = useId();
  const listId = `${ids}-list`;
  const optionId = (tenantId: string) => `${ids}-option-${tenantId}`;
  const { dispatchToast } = useToastController(toasterId);
  const selected = result.matches[Math.min(active, result.matches.length - 1)];

  // Focus the search box on open; give focus back to where it was on close.
  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    inputRef.current?.focus();
    const refocus = (e: globalThis.KeyboardEvent) => {
      if (isSwitcherShortcut(e)) inputRef.current?.select();
    };
    window.addEventListener('keydown', refocus);
    return () => {
      window.removeEventListener('keydown', refocus);
      before?.focus();
    };
  }, []);

  const selectedId = selected ? optionId(selected.customer.tenantId) : undefined;
  // Only the rows in view (and a few more) are in the page: a keystroke that changes every match
  // re-creates a screenful of rows, not all SHOWN.
  const listRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: result.matches.length,
    getScrollElement: () => listRef.current,
    estimateSize: () => OPTION_HEIGHT,
    overscan: 3,
    initialRect: { width: 640, height: 400 },
  });
  const rows = virtualizer.getVirtualItems();
  const firstRow = rows[0];
  // Arrow keys bring the highlight into view; typing starts again from the top.
  const reveal = useRef<'highlight' | 'top' | null>(null);
  const activeIndex = selected ? result.matches.indexOf(selected) : -1;
  useLayoutEffect(() => {
    const how = reveal.current;
    reveal.current = null;
    const list = listRef.current;
    if (!list) return;
    if (how === 'top') list.scrollTop = 0;
    if (how !== 'highlight' || activeIndex < 0) return;
    const top = activeIndex * OPTION_HEIGHT;
    if (top < list.scrollTop) list.scrollTop = top;
    else if (top + OPTION_HEIGHT > list.scrollTop + list.clientHeight)
      list.scrollTop = top + OPTION_HEIGHT - list.clientHeight;
  }, [activeIndex, query]);

  // The rows keep one callback for the panel's life (so they re-render only when their match or
  // highlight changes); it calls the launch of the latest render.
  const launchLatest = useRef(launch);
  useEffect(() => {
    launchLatest.current = launch;
  });
  const choose = useCallback((c: Customer) => void launchLatest.current(c), []);
  const matchesNow = useRef(result.matches);
  matchesNow.current = result.matches;
  const hover = useCallback(
    (tenantId: string) => setActive(matchesNow.current.findIndex((m) => m.customer.tenantId === tenantId)),
    [],
  );

  async function launch(customer: Customer): Promise<void> {
    if (launching) return;
    setError(undefined);
    if (describeReach(customer).kind === 'pending' && held?.tenantId !== customer.tenantId) {
      setHeld(customer);
      return;
    }
    setHeld(undefined);
    setLaunching(true);
    const label = targetLabel(target);
    const outcome = await launchTarget(customer.tenantId, target);
    setLaunching(false);
    if ('error' in outcome) {
      setError({
        title: `Could not open ${label} for ${customer.displayName}`,
        message: outcome.error.message,
      });
      return;
    }
    closeSwitcher();
    dispatchToast(
      <Toast>
        <ToastTitle>{`${label} opened for ${customer.displayName}`}</ToastTitle>
        <ToastBody>{outcome.url}</ToastBody>
      </Toast>,
      { intent: 'success', timeout: 4_000 },
    );
  }

  function cycleTarget(step: 1 | -1): void {
    const at = SWITCHER_TARGETS.indexOf(target);
    const count = SWITCHER_TARGETS.length;
    const next = SWITCHER_TARGETS[(at + step + count) % count];
    if (next) setTarget(next);
  }

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>): void {
    const last = result.matches.length - 1;
    if (e.key.startsWith('Arrow') || e.key.startsWith('Page')) reveal.current = 'highlight';
    switch (e.key) {
      case 'ArrowDown':
        setActive((a) => (a >= last ? 0 : a + 1));
        break;
      case 'ArrowUp':
        setActive((a) => (a <= 0 ? Math.max(last, 0) : a - 1));
        break;
      case 'PageDown':
        setActive((a) => Math.min(a + 8, Math.max(last, 0)));
        break;
      case 'PageUp':
        setActive((a) => Math.max(a - 8, 0));
        break;
      case 'Enter':
        if (selected) void launch(selected.customer);
        break;
      case 'Tab':
        // Focus stays in the search box; Tab picks the portal instead (Shift+Tab goes back).
        cycleTarget(e.shiftKey ? -1 : 1);
        break;
      case 'Escape':
        closeSwitcher();
        break;
      default:
        return;
    }
    e.preventDefault();
    e.stopPropagation();
  }

  return (
    <div
      className={styles.backdrop}
      onMouseDown={(e) => {
        if (e.target === e.currentTarget) closeSwitcher();
      }}
    >
      <div
        role="dialog"
        aria-modal="true"
        aria-label="Switch tenant"
        className={styles.panel}
        onKeyDown={onKeyDown}
        data-testid="switcher"
        data-tabster={TABSTER_LEAVE_KEYS}
      >
        <div className={styles.searchRow}>
          {SEARCH_ICON}
          <input
            ref={inputRef}
            className={styles.input}
            role="combobox"
            aria-label="Find a customer"
            aria-expanded="true"
            aria-controls={listId}
            aria-autocomplete="list"
            aria-activedescendant={selectedId}
            aria-describedby={`${ids}-target`}
            placeholder="Customer name, domain, tenant ID or tag"
            autoComplete="off"
            spellCheck={false}
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              setActive(0);
              setHeld(undefined);
              if (listRef.current && virtualizer.scrollOffset) reveal.current = 'top';
            }}
          />
          {launching && <Spinner size="tiny" aria-label="Opening" />}
        </div>
        <TargetChips target={target} labelId={`${ids}-target`} onPick={setTarget} />
        {held && (
          <AcceptInvitationFirst
            customer={held}
            className={styles.message}
            actions={
              <Button size="small" onClick={() => void launch(held)}>
                Open anyway
              </Button>
            }
          />
        )}
        {error && (
          <MessageBar intent="error" className={styles.message}>
            <MessageBarBody>
              <MessageBarTitle>{error.title}</MessageBarTitle>
              {error.message}
            </MessageBarBody>
          </MessageBar>
        )}
        <div
          id={listId}
          ref={listRef}
          role="listbox"
          aria-label="Customers"
          className={styles.list}
          data-query={query}
          style={{ height: virtualizer.getTotalSize() }}
        >
          <div
            style={{
              height: virtualizer.getTotalSize(),
              paddingTop: firstRow?.start ?? 0,
              boxSizing: 'border-box',
            }}
          >
            {rows.map((row) => {
              const m = result.matches[row.index]!;
              return (
                <SwitcherOption
                  // Keyed by position: the rows in view are reused as the results change (no remounting).
                  key={row.index}
                  id={optionId(m.customer.tenantId)}
                  customer={m.customer}
                  group={m.group}
                  active={m === selected}
                  byTenantId={m.byTenantId}
                  position={row.index + 1}
                  setSize={result.matches.length}
                  onHover={hover}
                  onChoose={choose}
                />
              );
            })}
          </div>
        </div>
        {result.matches.length === 0 && (
          <div className={styles.empty} role="status">
            {customers.length === 0
              ? 'No customers yet: add one under Customers, or sync the GDAP directory.'
              : `No customer matches “${query.trim()}”. Try part of the name, the domain, a tag or the tenant ID.`}
          </div>
        )}
        <SwitcherFooter shown={result.matches.length} total={result.total} />
      </div>
    </div>
  );
}

/** How many matched and the keys; memoised, so it re-renders only when the counts change. */
const SwitcherFooter = memo(function SwitcherFooter({ shown, total }: { shown: number; total: number }) {
  const styles = useStyles();
  return (
    <div className={styles.footer}>
      <span role="status">
        {total > shown
          ? `${shown} of ${total.toLocaleString()} shown: type more to narrow`
          : `${total.toLocaleString()} ${total === 1 ? 'customer' : 'customers'}`}
      </span>
      <span>↑↓ move · Enter opens · Tab: portal · Esc closes</span>
    </div>
  );
});
