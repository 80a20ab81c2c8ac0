/**
 * Moving focus to content that is about to appear. After an action replaces the screen
 * (filing a first report opens the incident) or adds to it (a follow-up report), the
 * keyboard user's focus would otherwise fall back to the top of the page. The element is
 * focused as soon as it is rendered; a heading gets tabindex -1 so it can take focus.
 */
export function focusWhenShown(selector: string, timeoutMs = 5000): void {
  if (typeof document === 'undefined') return;
  const start = performance.now();
  const tick = () => {
    const el = document.querySelector<HTMLElement>(selector);
    if (el) {
      if (!el.hasAttribute('tabindex') && !/^(BUTTON|INPUT|SELECT|TEXTAREA|A)$/.test(el.tagName)) el.setAttribute('tabindex', '-1');
      el.focus();
      return;
    }
    if (performance.now() - start < timeoutMs) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}
