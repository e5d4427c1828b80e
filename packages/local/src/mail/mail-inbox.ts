import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MailDev, type Servers } from "maildev";

export interface MailInboxOptions {
  /** 0 or absent: a random free port. */
  smtpPort?: number;
  webPort?: number;
  /** Persist mail here (and show it again after a restart); absent: a temporary folder removed on close. */
  dataDir?: string;
}

export interface MailInbox {
  smtpUrl: string;
  /** The web inbox; its REST API lives under `${webUrl}/api` (e.g. GET /api/email). */
  webUrl: string;
  close(): Promise<void>;
}

const LOOPBACK = "127.0.0.1";

/**
 * Runs MailDev in-process as the local stand-in for SES: it catches every mail the app sends over SMTP and
 * shows it in a web inbox. Loopback only, no relay (no outgoing host is ever configured), no MCP endpoint.
 */
export async function startMailInbox(options: MailInboxOptions = {}): Promise<MailInbox> {
  const tempDir = options.dataDir ? undefined : await mkdtemp(join(tmpdir(), "dealflow-mail-"));
  const maildev = new MailDev({
    smtp: options.smtpPort ?? 0,
    ip: LOOPBACK,
    web: options.webPort ?? 0,
    webIp: LOOPBACK,
    // Without a directory MailDev writes .eml files to a tmpdir folder shared by every MailDev on the machine.
    mailDirectory: options.dataDir ?? tempDir,
    mcp: false,
    silent: true,
  });
  let servers: Servers;
  try {
    servers = await maildev.start();
  } catch (error) {
    await stopHalfStarted(maildev);
    if (tempDir) await rm(tempDir, { recursive: true, force: true });
    throw error;
  }
  const smtp = servers.smtp.getAddress();
  const web = servers.api?.getAddress();
  if (!web) throw new Error("MailDev started without its web server");

  return {
    smtpUrl: `smtp://${LOOPBACK}:${smtp.port}`,
    webUrl: `http://${LOOPBACK}:${web.port}`,
    async close() {
      await maildev.stop();
      if (tempDir) await rm(tempDir, { recursive: true, force: true });
    },
  };
}

/**
 * MailDev.stop() does nothing unless start() completed, so a busy web port would leave its SMTP server listening.
 * Its orchestrator keeps that server in a private field; reach it defensively, as it is not public API.
 */
async function stopHalfStarted(maildev: MailDev): Promise<void> {
  const orchestrator: unknown = Reflect.get(maildev, "orchestrator");
  const smtp: unknown = orchestrator && typeof orchestrator === "object" ? Reflect.get(orchestrator, "smtp") : null;
  if (smtp && typeof smtp === "object" && "stop" in smtp && typeof smtp.stop === "function") await smtp.stop();
}
