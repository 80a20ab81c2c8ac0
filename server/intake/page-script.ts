/**
 * The intake page's script, served as `sealIntake`'s source and this function's source
 * (Function.prototype.toString) joined: no bundler at run time, and the sealing code is the
 * very one the app's tests check (shared/intake/seal.ts). Both must stay self-contained.
 *
 * It reads the form, checks the one required field and the lengths, seals the report in
 * this browser and posts only the box; what the host answers is shown in the page's language.
 */
import { sealIntake, type IntakeBox } from '../../shared/intake/seal';

type Seal = (publicKey: string, intakeId: string, text: string) => Promise<IntakeBox>;

export function pageMain(seal: Seal): void {
  const main = document.getElementById('intake');
  const form = document.getElementById('report') as HTMLFormElement | null;
  const status = document.getElementById('status');
  const button = document.getElementById('send') as HTMLButtonElement | null;
  const wordsEl = document.getElementById('words');
  if (!main || !form || !status || !button || !wordsEl) return;
  const words = JSON.parse(wordsEl.textContent ?? '{}') as Record<string, string>;
  const say = (key: string, params: Record<string, string | number> = {}) => (words[key] ?? key).replace(/\{(\w+)\}/g, (_m, k: string) => String(params[k] ?? ''));
  const show = (text: string, kind: 'ok' | 'error' | '') => {
    status.textContent = text;
    status.className = kind;
    if (kind === 'error') status.setAttribute('role', 'alert');
    else status.setAttribute('role', 'status');
  };
  const intakeId = main.dataset.intake ?? '';
  const publicKey = main.dataset.key ?? '';
  const lang = main.dataset.lang === 'en' ? 'en' : 'ja';
  const fields = ['what', 'when', 'where', 'howMany', 'name', 'contact'];
  const labels: Record<string, string> = { what: 'what', when: 'when', where: 'where', howMany: 'howMany', name: 'name', contact: 'contact' };
  if (!globalThis.crypto || !globalThis.crypto.subtle) {
    show(say('noCrypto'), 'error');
    button.disabled = true;
    return;
  }
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    void send();
  });

  async function send(): Promise<void> {
    const value = (name: string) => ((form!.elements.namedItem(name) as HTMLInputElement | HTMLTextAreaElement | null)?.value ?? '').trim();
    const report: Record<string, string | number> = { v: 1, lang };
    for (const f of fields) report[f] = value(f);
    if (report.what === '') {
      show(say('needWhat'), 'error');
      (form!.elements.namedItem('what') as HTMLTextAreaElement).focus();
      return;
    }
    for (const f of fields) {
      const el = form!.elements.namedItem(f) as HTMLInputElement | HTMLTextAreaElement;
      if (el.maxLength > 0 && String(report[f]).length > el.maxLength) {
        show(say('tooLong', { field: say(labels[f]!).replace(/[（(].*$/, '').trim(), max: el.maxLength }), 'error');
        el.focus();
        return;
      }
    }
    button!.disabled = true;
    show(say('sending'), '');
    try {
      const box = await seal(publicKey, intakeId, JSON.stringify(report));
      let res: Response;
      try {
        res = await fetch(`${location.pathname.replace(/\/+$/, '')}/reports`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(box), credentials: 'omit', cache: 'no-store' });
      } catch {
        show(say('network'), 'error');
        return;
      }
      let answer: { ok?: boolean; receipt?: string; error?: string } = {};
      try {
        answer = (await res.json()) as typeof answer;
      } catch {
        answer = { ok: false, error: 'storage' };
      }
      if (res.ok && answer.ok) {
        form!.reset();
        show(`${say('sent', { receipt: answer.receipt ?? '' })} ${say('sentNext')}`, 'ok');
      } else {
        show(say(`error.${answer.error ?? 'storage'}`), 'error');
      }
    } catch {
      show(say('noCrypto'), 'error');
    } finally {
      button!.disabled = false;
    }
  }
}

/** The script the host serves. */
export function pageScript(): string {
  return `"use strict";\n(${pageMain.toString()})(${sealIntake.toString()});\n`;
}
