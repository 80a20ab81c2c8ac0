import { useEffect } from 'react';

const ACTIVITY = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;

/** Calls onIdle after `minutes` without keyboard, mouse or touch activity. */
export function useIdleLock(minutes: number, enabled: boolean, onIdle: () => void): void {
  useEffect(() => {
    if (!enabled) return;
    const limit = minutes * 60_000;
    let last = Date.now();
    const mark = () => {
      last = Date.now();
    };
    // Polling instead of re-arming a timer on every mouse move keeps activity handling cheap.
    const timer = setInterval(() => {
      if (Date.now() - last >= limit) onIdle();
    }, 1000);
    for (const type of ACTIVITY) window.addEventListener(type, mark, { passive: true, capture: true });
    return () => {
      clearInterval(timer);
      for (const type of ACTIVITY) window.removeEventListener(type, mark, { capture: true });
    };
  }, [minutes, enabled, onIdle]);
}
