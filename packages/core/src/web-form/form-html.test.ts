import { describe, expect, it } from "vitest";
import { embedOf, formPage } from "./form-page.ts";
import { formLang } from "./form-html.ts";
import type { WebForm } from "./web-form.ts";

const form = {
  formId: "wf_123", teamId: "t", name: "Expo <script>alert(1)</script>", version: 1, createdAt: "", updatedAt: "", createdBy: "u",
  fields: [{ key: "name", labelEn: 'Name "quoted"', labelZh: "姓名", required: true }, { key: "email", labelEn: "Email", labelZh: "邮箱", required: false }],
  thankYouEn: "Thanks & see you", thankYouZh: "谢谢", active: true, rateLimitMax: 5, rateLimitWindowSeconds: 60,
} satisfies WebForm;

describe("form HTML", () => {
  it("escapes every text a form owner typed, so a form cannot inject script into the page", () => {
    const html = formPage(form, "en", "http://127.0.0.1:4000/f/wf_123");
    expect(html).toContain("Expo &lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).not.toContain("<script>alert(1)");
    expect(html).toContain("Name &quot;quoted&quot; *");
    expect(html).toContain('data-thanks="Thanks &amp; see you"');
  });

  it("marks required inputs, types email fields and carries the honeypot and submission id", () => {
    const { snippet } = embedOf(form, "https://api.example.org", "zh");
    expect(snippet).toContain('<input name="name" type="text" required');
    expect(snippet).toContain('<input name="email" type="email" maxlength');
    expect(snippet).toContain('name="website" tabindex="-1"');
    expect(snippet).toContain('type="hidden" name="submissionId"');
    expect(snippet).toContain("姓名");
  });

  it("reads zh-CN, zh and zh-Hans as Chinese and anything else as English", () => {
    expect(["zh-CN", "zh", "zh-Hans", "ZH-cn"].map(formLang)).toEqual(["zh", "zh", "zh", "zh"]);
    expect(["en", "fr", "", undefined, "zhx"].map(formLang)).toEqual(["en", "en", "en", "en", "en"]);
  });
});
