/**
 * Waiting for the screen on the bench pages (test-page code; nothing in the app imports it):
 * a measure ends once what the screen shows has changed and a frame has been painted.
 */
import { mark } from '../data/trace';

export const frame = () => new Promise<void>((ok) => requestAnimationFrame(() => setTimeout(ok, 0)));

/** Resolves once `done()` holds (checked on every DOM change), after the next painted frame. */
export function until(done: () => boolean, timeoutMs = 120_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const finish = () => {
      mark('dom');
      observer.disconnect();
      clearTimeout(timer);
      void frame().then(resolve);
    };
    const observer = new MutationObserver(() => done() && finish());
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error('bench: the screen did not change in time'));
    }, timeoutMs);
    if (done()) finish();
    else observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  });
}
