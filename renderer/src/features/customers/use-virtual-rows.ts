import { useVirtualizer } from '@tanstack/react-virtual';
import type { RefObject } from 'react';
import { CUSTOMER_ROW_HEIGHT } from './CustomerRow';

export interface VirtualRows<T> {
  /** The rows to render now: those in view plus a few either side. */
  readonly items: ReadonlyArray<T>;
  /** Space for the rows above and below them, so the scroll bar stays true. */
  readonly paddingTop: number;
  readonly paddingBottom: number;
}

/**
 * Renders only the rows in view (TanStack Virtual), so the customers table stays smooth with 10,000
 * customers: the DOM holds a screenful of rows, padded above and below, and the table keeps its
 * semantics (real rows, `aria-rowcount`/`aria-rowindex`).
 */
export function useVirtualRows<T>(
  rows: ReadonlyArray<T>,
  scrollRef: RefObject<HTMLElement | null>,
): VirtualRows<T> {
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => CUSTOMER_ROW_HEIGHT,
    overscan: 8,
    // Before the first layout (and in tests without layout) render a first screenful.
    initialRect: { width: 1000, height: 800 },
  });
  const virtualItems = virtualizer.getVirtualItems();
  if (virtualItems.length === 0) return { items: [], paddingTop: 0, paddingBottom: 0 };
  const first = virtualItems[0]!;
  const last = virtualItems[virtualItems.length - 1]!;
  return {
    items: virtualItems.map((v) => rows[v.index]!),
    paddingTop: first.start,
    paddingBottom: virtualizer.getTotalSize() - last.end,
  };
}
