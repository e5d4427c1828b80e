import { UnprocessableError } from "../../errors.ts";
import type { Ctx } from "../../records/context.ts";
import { systemPrincipal } from "../../records/context.ts";
import type { CountryCode } from "libphonenumber-js/max";
import { teamPhoneCountry } from "./normalise.ts";

/** The team a system capture lands in until assignment rules run: the one covering its region, else the first. */
async function landingTeam(ctx: Ctx, region: string | undefined): Promise<string> {
  const { data } = await ctx.db.entities.team.query.all({}).go({ pages: "all" });
  const match = data.find((t) => region && (t.regions ?? []).includes(region)) ?? data[0];
  if (!match) throw new UnprocessableError("no_team", "No team exists to receive captured leads", "teamId");
  return match.teamId;
}

/** The team a new lead lands in and the country its national-format phone numbers are read in. */
export async function captureTeam(ctx: Ctx, requested: string | undefined, region: string | undefined): Promise<{ teamId: string; country: CountryCode }> {
  const teamId = requested ?? (ctx.actor.teamId === systemPrincipal.teamId ? await landingTeam(ctx, region) : ctx.actor.teamId);
  const { data } = await ctx.db.entities.team.get({ teamId }).go();
  return { teamId, country: teamPhoneCountry(data?.timezone) };
}
