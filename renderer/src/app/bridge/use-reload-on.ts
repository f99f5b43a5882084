import { useEffect } from 'react';
import type { EventName } from '../../../../shared/contract/contract';
import { getBridge } from './bridge';

/** Loads now, and again whenever one of `events` arrives (a view that shows what they change). */
export function useReloadOn(load: () => Promise<void> | void, events: ReadonlyArray<EventName>): void {
  const key = events.join(',');
  useEffect(() => {
    void load();
    const bridge = getBridge();
    const offs = key.split(',').map((name) => bridge.on(name as EventName, () => void load()));
    return () => offs.forEach((off) => off());
  }, [load, key]);
}
