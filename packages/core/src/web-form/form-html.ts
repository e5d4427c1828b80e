import { honeypotField, submissionIdField } from "./submit-web-form.ts";
import type { WebForm } from "./web-form.ts";

export type FormLang = "en" | "zh";

/** `?lang=zh-CN` (or any zh tag) picks Chinese; anything else English. */
export function formLang(raw: string | undefined): FormLang {
  return raw && /^zh\b/i.test(raw) ? "zh" : "en";
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch] ?? ch);
}

const inputType: Record<string, string> = { email: "email", phone: "tel" };
const submitLabel = { en: "Submit", zh: "提交" };
const failed = { en: "Sorry, that did not work: ", zh: "提交失败：" };

export function thankYouText(form: WebForm, lang: FormLang): string {
  return lang === "zh" ? form.thankYouZh : form.thankYouEn;
}

/**
 * The form itself: a plain POST that works without JavaScript, a honeypot input kept off screen (not
 * display:none, which some bots skip) and the submission id the script fills once per page.
 */
export function formMarkup(form: WebForm, lang: FormLang, action: string): string {
  const id = `dealflow-${form.formId}`;
  const rows = form.fields.map((f) => {
    const label = escapeHtml(lang === "zh" ? f.labelZh : f.labelEn);
    const type = inputType[f.key] ?? "text";
    return `<p><label>${label}${f.required ? " *" : ""}<br><input name="${f.key}" type="${type}"${f.required ? " required" : ""} maxlength="254"></label></p>`;
  });
  return [
    `<form id="${id}" action="${escapeHtml(action)}" method="post" accept-charset="utf-8" data-thanks="${escapeHtml(thankYouText(form, lang))}" data-failed="${escapeHtml(failed[lang])}">`,
    ...rows,
    `<div style="position:absolute;left:-10000px" aria-hidden="true"><input name="${honeypotField}" tabindex="-1" autocomplete="off"></div>`,
    `<input type="hidden" name="${submissionIdField}">`,
    `<p><button type="submit">${submitLabel[lang]}</button></p>`,
    `</form>`,
  ].join("\n");
}

/** Posts the form as JSON once (a retry reuses the submission id), then shows the thank-you text or the error. */
export function submitScript(form: WebForm): string {
  const id = `dealflow-${form.formId}`;
  return `<script>(function(){var f=document.getElementById(${JSON.stringify(id)});if(!f||!window.fetch)return;
var sid=f.elements.${submissionIdField};sid.value=sid.value||(crypto.randomUUID?crypto.randomUUID():String(Date.now())+Math.random().toString(36).slice(2));
f.addEventListener("submit",function(e){e.preventDefault();var data={};new FormData(f).forEach(function(v,k){data[k]=String(v);});
fetch(f.action,{method:"POST",headers:{"content-type":"application/json"},body:JSON.stringify(data)}).then(function(r){return r.json().then(function(b){return{ok:r.ok,b:b};});})
.then(function(x){if(x.ok){if(x.b.redirectUrl){location.href=x.b.redirectUrl;return;}var p=document.createElement("p");p.textContent=f.dataset.thanks;f.replaceWith(p);}else{alert(f.dataset.failed+(x.b.message||""));}})
.catch(function(){alert(f.dataset.failed);});});})();</script>`;
}
