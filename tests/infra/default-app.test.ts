import { afterAll } from "vitest";
import { cleanupSharedApp } from "./shared-app.ts";
// Suites over one synthesis of the default "test" stage (see shared-app.ts); each is a describe block of its own.
import "./storage-bus.suite.ts";
import "./workflows.suite.ts";
import "./lead-sla.suite.ts";
import "./schedules.suite.ts";
import "./l2c.suite.ts";
import "./api-auth.suite.ts";
import "./web-hosting.suite.ts";

afterAll(cleanupSharedApp);
