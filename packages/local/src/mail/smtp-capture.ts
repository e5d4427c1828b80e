import { SMTPServer } from "smtp-server";
import { simpleParser, type AddressObject, type HeaderValue, type ParsedMail } from "mailparser";

/** One message as a test reads it: decoded subject and bodies, header names lower-cased. */
export interface CapturedMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html?: string;
  headers: Record<string, string>;
  messageId?: string;
}

export interface SmtpCapture {
  smtpUrl: string;
  messages(): CapturedMail[];
  /** Resolves with the first message, already received or still to come, that matches. */
  waitFor(predicate: (mail: CapturedMail) => boolean, timeoutMs?: number): Promise<CapturedMail>;
  clear(): void;
  close(): Promise<void>;
}

/** An SMTP server on a random loopback port that keeps every message it receives in memory, parsed. */
export async function startSmtpCapture(): Promise<SmtpCapture> {
  const received: CapturedMail[] = [];
  const waiters = new Set<(mail: CapturedMail) => void>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      // The sender's send() resolves only after the message is parsed and stored, so tests need no sleeps.
      simpleParser(stream)
        .then((parsed) => {
          const mail = toCaptured(parsed);
          received.push(mail);
          for (const notify of waiters) notify(mail);
          callback();
        })
        .catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error))));
    },
  });
  const port = await listen(server);

  return {
    smtpUrl: `smtp://127.0.0.1:${port}`,
    messages: () => [...received],
    waitFor: (predicate, timeoutMs = 5_000) => waitForMail(received, waiters, predicate, timeoutMs),
    clear: () => void received.splice(0, received.length),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function listen(server: SMTPServer): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      server.off("error", reject);
      const address = server.server.address();
      if (typeof address === "object" && address) resolve(address.port);
      else reject(new Error("SMTP capture did not bind a TCP port"));
    });
  });
}

function waitForMail(
  received: CapturedMail[],
  waiters: Set<(mail: CapturedMail) => void>,
  predicate: (mail: CapturedMail) => boolean,
  timeoutMs: number,
): Promise<CapturedMail> {
  const existing = received.find(predicate);
  if (existing) return Promise.resolve(existing);
  return new Promise((resolve, reject) => {
    const waiter = (mail: CapturedMail) => {
      if (!predicate(mail)) return;
      clearTimeout(timer);
      waiters.delete(waiter);
      resolve(mail);
    };
    const timer = setTimeout(() => {
      waiters.delete(waiter);
      const seen = received.map((m) => `"${m.subject}" to ${m.to.join(", ")}`).join("; ") || "none";
      reject(new Error(`No matching mail within ${timeoutMs} ms; received: ${seen}`));
    }, timeoutMs);
    waiters.add(waiter);
  });
}

function toCaptured(parsed: ParsedMail): CapturedMail {
  const headers: Record<string, string> = {};
  for (const [name, value] of parsed.headers) headers[name.toLowerCase()] = headerText(value);
  return {
    from: addresses(parsed.from)[0] ?? "",
    to: addresses(parsed.to),
    subject: parsed.subject ?? "",
    // 7bit bodies come back with the line break SMTP requires at the end; tests compare with the text as sent.
    text: (parsed.text ?? "").replace(/\r?\n$/, ""),
    ...(typeof parsed.html === "string" ? { html: parsed.html } : {}),
    headers,
    ...(parsed.messageId ? { messageId: parsed.messageId } : {}),
  };
}

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  const objects = field === undefined ? [] : Array.isArray(field) ? field : [field];
  return objects.flatMap((o) => o.value.flatMap((a) => (a.address ? [a.address] : [])));
}

function headerText(value: HeaderValue): string {
  if (typeof value === "string") return value;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((v: HeaderValue) => headerText(v)).join(", ");
  if ("text" in value && typeof value.text === "string") return value.text;
  if ("value" in value && typeof value.value === "string") return value.value;
  return JSON.stringify(value);
}
