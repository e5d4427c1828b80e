import { EmailIdentity, Identity } from "aws-cdk-lib/aws-ses";
import type { StackContext } from "sst/constructs";
import { stageSettings } from "./stage-settings.ts";

/**
 * The SES identity mail is sent as. A domain identity publishes DKIM records to add to the domain's DNS; an
 * address identity is verified by the link SES mails to it.
 */
export function Email({ stack, app }: StackContext) {
  const { mail } = stageSettings(app.stage);
  const identity =
    mail.identity.kind === "domain" ? Identity.domain(mail.identity.value) : Identity.email(mail.identity.value);
  const sender = new EmailIdentity(stack, "Sender", { identity });
  stack.addOutputs({ MailFrom: mail.from });
  if (mail.identity.kind === "domain") {
    sender.dkimRecords.forEach((record, i) => {
      stack.addOutputs({ [`DkimRecord${i + 1}`]: `${record.name} CNAME ${record.value}` });
    });
  }
  return { sender, mailFrom: mail.from };
}
