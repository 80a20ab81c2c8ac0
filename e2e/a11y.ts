/** Finds controls a screen reader could not name: the accessibility check run on every screen. */
import type { Page } from 'playwright-core';

export async function unnamedControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const controls = document.querySelectorAll<HTMLElement>(
      'button, input, select, textarea, meter, progress, a[href], [role="button"], [role="tab"], [role="checkbox"], dialog[open]',
    );
    const problems: string[] = [];
    for (const el of controls) {
      if (el.closest('[hidden], [aria-hidden="true"]')) continue;
      const labelledBy = el.getAttribute('aria-labelledby');
      const byIds = labelledBy
        ? labelledBy
            .split(/\s+/)
            .map((id) => document.getElementById(id)?.textContent ?? '')
            .join('')
        : '';
      const labels = 'labels' in el ? Array.from((el as HTMLInputElement).labels ?? []).map((l) => l.textContent ?? '') : [];
      const name = [el.getAttribute('aria-label') ?? '', byIds, ...labels, el.tagName === 'INPUT' ? '' : el.textContent ?? '']
        .join('')
        .trim();
      if (name === '') problems.push(el.outerHTML.slice(0, 120));
    }
    return problems;
  });
}
