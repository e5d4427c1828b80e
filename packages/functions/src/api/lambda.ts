import { Hono } from "hono";
import { handle } from "hono/aws-lambda";

// Interim entry so the stacks can bundle; replaced by the real app wiring in the next commit.
export const handler = handle(new Hono());
