import type { SSTConfig } from "sst";
import { Api } from "./stacks/api.stack.ts";
import { Auth } from "./stacks/auth.stack.ts";
import { Bus } from "./stacks/bus.stack.ts";
import { Email } from "./stacks/email.stack.ts";
import { functionDefaults } from "./stacks/function-defaults.ts";
import { Hosting } from "./stacks/hosting.stack.ts";
import { Monitoring } from "./stacks/monitoring.stack.ts";
import { Storage } from "./stacks/storage.stack.ts";
import { Web } from "./stacks/web.stack.ts";
import { Workflows } from "./stacks/workflows.stack.ts";

export default {
  config(input) {
    return {
      name: "dealflow",
      region: input.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? "us-east-1",
    };
  },
  stacks(app) {
    app.setDefaultFunctionProps(functionDefaults);
    // Order matters: each stack uses what the ones before it return.
    app.stack(Monitoring).stack(Storage).stack(Email).stack(Hosting).stack(Auth).stack(Bus).stack(Workflows).stack(Api).stack(Web);
  },
} satisfies SSTConfig;
