/**
 * The intake page as HTML: a plain form, its words in one language (`?lang=en` switches),
 * the intake's public key and id in data attributes, and the words the script needs as a
 * JSON block (data, not code: the page's CSP runs only the host's own script).
 */
import { INTAKE_FIELD_MAX } from '../../shared/intake/report';
import { INTAKE_PATH } from '../../shared/intake/wire';
import { PAGE_WORDS, type PageLang } from './words';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export const ASSETS = `${INTAKE_PATH}/assets`;

function frame(lang: PageLang, title: string, body: string): string {
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${esc(title)}</title>
<link rel="stylesheet" href="${ASSETS}/page.css">
</head>
<body>
${body}
</body>
</html>
`;
}

export function intakePage(lang: PageLang, intakeId: string, publicKey: string): string {
  const w = PAGE_WORDS[lang];
  const other: PageLang = lang === 'ja' ? 'en' : 'ja';
  const field = (name: 'when' | 'where' | 'howMany' | 'name' | 'contact', hint?: string) => `
  <label for="f-${name}">${esc(w[name])}</label>
  ${hint ? `<p class="hint" id="h-${name}">${esc(hint)}</p>` : ''}
  <input id="f-${name}" name="${name}" type="text" autocomplete="off" maxlength="${INTAKE_FIELD_MAX[name]}"${hint ? ` aria-describedby="h-${name}"` : ''}>`;
  return frame(
    lang,
    w.title,
    `<main id="intake" data-intake="${esc(intakeId)}" data-key="${esc(publicKey)}" data-lang="${lang}">
<p class="switch"><a href="?lang=${other}" lang="${other}">${esc(w.switchLang)}</a></p>
<h1>${esc(w.title)}</h1>
<p class="lead">${esc(w.lead)}</p>
<noscript><p class="error">${esc(w.noScript)}</p></noscript>
<form id="report" novalidate autocomplete="off">
  <label for="f-what">${esc(w.what)}</label>
  <p class="hint" id="h-what">${esc(w.whatHint)}</p>
  <textarea id="f-what" name="what" rows="6" required maxlength="${INTAKE_FIELD_MAX.what}" aria-describedby="h-what"></textarea>
  ${field('when')}
  ${field('where')}
  ${field('howMany')}
  ${field('name')}
  ${field('contact', w.contactHint)}
  <p id="status" role="status" aria-live="polite"></p>
  <button type="submit" id="send">${esc(w.submit)}</button>
</form>
<script type="application/json" id="words">${JSON.stringify(w).replace(/</g, '\\u003c')}</script>
</main>
<script src="${ASSETS}/page.js"></script>`,
  );
}

export function notFoundPage(lang: PageLang): string {
  const w = PAGE_WORDS[lang];
  return frame(lang, w.notFoundTitle, `<main><h1>${esc(w.notFoundTitle)}</h1><p class="lead">${esc(w.notFound)}</p></main>`);
}

export const PAGE_CSS = `
:root { color-scheme: light; font-family: "Noto Sans JP", "Hiragino Sans", "Yu Gothic", system-ui, sans-serif; }
body { margin: 0; background: #f4f5f7; color: #1d2330; }
main { max-width: 40rem; margin: 0 auto; padding: 1.5rem 1.25rem 3rem; background: #fff; min-height: 100vh; box-sizing: border-box; }
h1 { font-size: 1.5rem; margin: 0.5rem 0 0.75rem; }
.lead { line-height: 1.7; }
.switch { text-align: right; margin: 0; }
label { display: block; font-weight: 600; margin-top: 1.1rem; }
.hint { margin: 0.2rem 0 0.3rem; color: #4a5263; font-size: 0.9rem; }
input, textarea { width: 100%; box-sizing: border-box; font: inherit; padding: 0.55rem; border: 1px solid #8a93a6; border-radius: 6px; margin-top: 0.3rem; }
textarea { resize: vertical; }
input:focus, textarea:focus, button:focus, a:focus { outline: 3px solid #2d6cdf; outline-offset: 1px; }
button { margin-top: 1.25rem; font: inherit; font-weight: 600; padding: 0.7rem 1.4rem; border: 0; border-radius: 6px; background: #1f5fbf; color: #fff; cursor: pointer; }
button[disabled] { background: #7b8699; cursor: wait; }
#status { min-height: 1.5em; margin: 1rem 0 0; line-height: 1.6; }
#status.ok { padding: 0.75rem; background: #e7f5ea; border-left: 4px solid #2e7d32; }
#status.error, .error { padding: 0.75rem; background: #fdecec; border-left: 4px solid #c62828; }
`;
