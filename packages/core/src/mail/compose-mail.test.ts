import { describe, expect, it } from "vitest";
import { composeMail } from "./compose-mail.ts";

describe("composeMail", () => {
  it("builds matching text and html parts, escaping user data in the html", () => {
    const mail = composeMail({
      to: ["li.lei@example.cn"],
      subject: "商机即将超时",
      paragraphs: ["商机 <Acme & Co> 已在「谈判」阶段停留 14 天。", "Line one\nline two"],
      link: { label: "打开商机", url: "https://crm.example.cn/deals/42?tab=stage&x=\"1\"" },
      idempotencyKey: "sla-deal-42",
    });

    expect(mail.to).toEqual(["li.lei@example.cn"]);
    expect(mail.subject).toBe("商机即将超时");
    expect(mail.idempotencyKey).toBe("sla-deal-42");
    expect(mail.text).toBe(
      "商机 <Acme & Co> 已在「谈判」阶段停留 14 天。\n\nLine one\nline two\n\n" +
        '打开商机: https://crm.example.cn/deals/42?tab=stage&x="1"',
    );
    expect(mail.html).toContain("<p>商机 &lt;Acme &amp; Co&gt; 已在「谈判」阶段停留 14 天。</p>");
    expect(mail.html).toContain("<p>Line one<br>line two</p>");
    expect(mail.html).toContain('<a href="https://crm.example.cn/deals/42?tab=stage&amp;x=&quot;1&quot;">打开商机</a>');
    expect(mail.html).toContain('<meta charset="utf-8">');
  });

  it("leaves out the link and the idempotency key when not given", () => {
    const mail = composeMail({ to: ["ada@example.com"], subject: "Hi", paragraphs: ["Hello"] });

    expect(mail.text).toBe("Hello");
    expect(mail.html).not.toContain("<a ");
    expect(mail).not.toHaveProperty("idempotencyKey");
  });

  it("refuses a link that is not http(s), so no script URL reaches an inbox", () => {
    const compose = (url: string) =>
      composeMail({ to: ["ada@example.com"], subject: "Hi", paragraphs: [], link: { label: "Open", url } });

    expect(() => compose("javascript:alert(1)")).toThrow(/must be an http\(s\) URL/);
    expect(() => compose("/deals/42")).toThrow(/not a URL/);
  });
});
