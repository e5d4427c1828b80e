import { escapeHtml, formMarkup, submitScript, thankYouText, type FormLang } from "./form-html.ts";
import type { WebForm } from "./web-form.ts";

function page(title: string, lang: FormLang, body: string): string {
  return `<!doctype html>
<html lang="${lang === "zh" ? "zh-CN" : "en"}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem}input{width:100%;padding:.5rem;box-sizing:border-box}button{padding:.6rem 1.4rem}</style>
</head><body>
${body}
</body></html>`;
}

/** The hosted form page (the QR-code link): self-contained, no external assets. */
export function formPage(form: WebForm, lang: FormLang, action: string): string {
  return page(form.name, lang, `<h1>${escapeHtml(form.name)}</h1>\n${formMarkup(form, lang, action)}\n${submitScript(form)}`);
}

/** What a browser posting without JavaScript sees after submitting. */
export function thankYouPage(form: WebForm, lang: FormLang): string {
  return page(form.name, lang, `<h1>${escapeHtml(form.name)}</h1>\n<p>${escapeHtml(thankYouText(form, lang))}</p>`);
}

/** The copy-paste snippet for another site, and the link to the hosted page. */
export function embedOf(form: WebForm, apiBase: string, lang: FormLang): { snippet: string; link: string } {
  const action = `${apiBase}/f/${encodeURIComponent(form.formId)}`;
  return { snippet: `${formMarkup(form, lang, action)}\n${submitScript(form)}`, link: lang === "zh" ? `${action}?lang=zh-CN` : action };
}
