import type { StackContext } from "sst/constructs";
import { WebHosting } from "@dealflow/infra/web-hosting.construct";

/** Bucket + CDN of the web client, ahead of everything that needs to know the site URL. */
export function Hosting({ stack }: StackContext) {
  const hosting = new WebHosting(stack, "Web");
  stack.addOutputs({ SiteUrl: hosting.url });
  return { hosting, siteUrl: hosting.url };
}
