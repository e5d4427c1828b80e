import type { Role } from "./api-types.ts";

/** The seeded demo accounts (packages/local/src/seed/demo-seed.ts) offered on the local sign-in screen. */
export interface DemoUser {
  email: string;
  name: string;
  role: Role;
  team: "east" | "global";
}

export const demoUsers: readonly DemoUser[] = [
  { email: "admin@dealflow.dev", name: "Alex Admin", role: "admin", team: "east" },
  { email: "zhang.wei@dealflow.dev", name: "张伟", role: "manager", team: "east" },
  { email: "li.na@dealflow.dev", name: "李娜", role: "rep", team: "east" },
  { email: "sarah.lee@dealflow.dev", name: "Sarah Lee", role: "manager", team: "global" },
  { email: "tom.baker@dealflow.dev", name: "Tom Baker", role: "rep", team: "global" },
];
