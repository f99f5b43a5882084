import { useVirtualizer } from '@tanstack/react-virtual';
import type { RefObject } from 'react';
import { CUSTOMER_ROW_HEIGHT } from './CustomerRow';

export interface VirtualRows<T> {
  /**
   * The rows to render now: those in view plus one either side, with their place in the list.
   * `row` is undefined for a row counted in `total` that has not arrived yet.
   */
  readonly items: ReadonlyArray<{ readonly index: number; readonly row: T | undefined }>;
  /** Space for the rows above and below them, so the scroll bar stays true. */
  readonly paddingTop: number;
  readonly paddingBottom: number;
}

/**
 * Rows rendered beyond each edge of the view: one, TanStack Virtual's default. A row is a dozen
 * Fluent components, so every extra row is paid on the first screen; the rows are all one height and
 * a scroll renders the newly uncovered ones before the frame paints, so more buy nothing.
 */
const OVERSCAN = 1;

/**
 * Renders only the rows in view (TanStack Virtual), so the customers table stays smooth with 10,000
 * customers: the DOM holds a screenful of rows, padded above and below, and the table keeps its
 * semantics (real rows, `aria-rowcount`/`aria-rowindex`).
 *
 * The first render waits for the table's real height (measured in a layout effect, so still before
 * the first paint) instead of guessing one: a guess taller than the table rendered rows that were
 * dropped again before anyone saw them, which made a long list slower to open than a short one.
 */
export function useVirtualRows<T>(
  rows: ReadonlyArray<T>,
  scrollRef: RefObject<HTMLElement | null>,
  /** How many rows the list has, when only its first `rows` have arrived. */
  total: number = rows.length,
): VirtualRows<T> {
  const virtualizer = useVirtualizer({
    count: Math.max(total, rows.length),
    getScrollElement: () => scrollRef.current,
    estimateSize: () => CUSTOMER_ROW_HEIGHT,
    overscan: OVERSCAN,
    initialRect: { width: 0, height: 0 },
  });
  const virtualItems = virtualizer.getVirtualItems();
  if (virtualItems.length === 0) return { items: [], paddingTop: 0, paddingBottom: 0 };
  const first = virtualItems[0]!;
  const last = virtualItems[virtualItems.length - 1]!;
  return {
    items: virtualItems.map((v) => ({ index: v.index, row: rows[v.index] })),
    paddingTop: first.start,
    paddingBottom: virtualizer.getTotalSize() - last.end,
  };
}
