export interface MailMessage {
  to: string[];
  subject: string;
  text: string;
  html?: string;
  /** Idempotency hint for retries; adapters put it in a header so duplicates can be spotted. */
  idempotencyKey?: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<{ messageId: string }>;
}
