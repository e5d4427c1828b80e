import { z } from "@hono/zod-openapi";
import { Account, Activity, Audit, Contact, Lead, Opportunity, Pipeline, Team, User } from "@dealflow/core";
import { crudRouter } from "./crud.ts";

/** Documented shape of a stored record: its input fields plus id and bookkeeping (version for updates). */
function recordSchema(name: string, idField: string, fields: z.ZodObject) {
  return fields
    .partial()
    .extend({ [idField]: z.string(), teamId: z.string(), version: z.number().int(), createdAt: z.string(), updatedAt: z.string(), createdBy: z.string() })
    .loose()
    .openapi(name);
}
const none = z.object({});

export const leadsRouter = crudRouter({
  tag: "Leads", path: "/leads", noun: "lead",
  record: recordSchema("Lead", "leadId", Lead.updateLeadSchema.omit({ version: true })),
  listQuery: Lead.listLeadsQuery, list: Lead.listLeads, get: Lead.getLead,
  create: { body: Lead.createLeadSchema, run: Lead.createLead },
  update: { body: Lead.updateLeadSchema, run: Lead.updateLead },
});

export const accountsRouter = crudRouter({
  tag: "Accounts", path: "/accounts", noun: "account",
  record: recordSchema("Account", "accountId", Account.createAccountSchema),
  listQuery: Account.listAccountsQuery, list: Account.listAccounts, get: Account.getAccount,
  create: { body: Account.createAccountSchema, run: Account.createAccount },
  update: { body: Account.updateAccountSchema, run: Account.updateAccount },
});

export const contactsRouter = crudRouter({
  tag: "Contacts", path: "/contacts", noun: "contact",
  record: recordSchema("Contact", "contactId", Contact.createContactSchema),
  listQuery: Contact.listContactsQuery, list: Contact.listContacts, get: Contact.getContact,
  create: { body: Contact.createContactSchema, run: Contact.createContact },
  update: { body: Contact.updateContactSchema, run: Contact.updateContact },
});

export const opportunitiesRouter = crudRouter({
  tag: "Opportunities", path: "/opportunities", noun: "opportunity",
  record: recordSchema("Opportunity", "opportunityId", Opportunity.updateOpportunitySchema.omit({ version: true })),
  listQuery: Opportunity.listOpportunitiesQuery, list: Opportunity.listOpportunities, get: Opportunity.getOpportunityWithHistory,
  create: { body: Opportunity.createOpportunitySchema, run: Opportunity.createOpportunity },
  update: { body: Opportunity.updateOpportunitySchema, run: Opportunity.updateOpportunity },
});

export const pipelinesRouter = crudRouter({
  tag: "Pipelines", path: "/pipelines", noun: "pipeline",
  record: recordSchema("Pipeline", "pipelineId", Pipeline.createPipelineSchema),
  listQuery: z.object({ teamId: z.string().optional() }), list: Pipeline.listPipelines, get: Pipeline.getPipeline,
  create: { body: Pipeline.createPipelineSchema, run: Pipeline.createPipeline },
  update: { body: Pipeline.updatePipelineSchema, run: Pipeline.updatePipeline },
});

export const activitiesRouter = crudRouter({
  tag: "Activities", path: "/activities", noun: "activity",
  record: recordSchema("Activity", "activityId", Activity.createActivitySchema),
  listQuery: Activity.listActivitiesQuery, list: Activity.listActivities, get: Activity.getActivity,
  create: { body: Activity.createActivitySchema, run: Activity.createActivity },
  update: { body: Activity.updateActivitySchema, run: Activity.updateActivity },
});

export const usersRouter = crudRouter({
  tag: "Users", path: "/users", noun: "user",
  record: recordSchema("User", "userId", User.createUserSchema),
  listQuery: z.object({ teamId: z.string().optional() }), list: User.listUsers, get: User.getUser,
  create: { body: User.createUserSchema, run: User.createUser },
  update: { body: User.updateUserSchema, run: User.updateUser },
});

export const teamsRouter = crudRouter({
  tag: "Teams", path: "/teams", noun: "team",
  record: recordSchema("Team", "teamId", Team.createTeamSchema),
  listQuery: none, list: Team.listTeams, get: Team.getTeam,
  create: { body: Team.createTeamSchema, run: Team.createTeam },
  update: { body: Team.updateTeamSchema, run: Team.updateTeam },
});

export const auditRouter = crudRouter({
  tag: "Audit", path: "/audit", noun: "audit entry",
  record: z.object({ auditId: z.string(), recordType: z.string(), recordId: z.string(), action: z.string(), actorId: z.string(), at: z.string(), changes: z.array(z.object({ field: z.string(), old: z.unknown(), new: z.unknown() })) }).openapi("AuditEntry"),
  listQuery: Audit.listAuditQuery, list: Audit.listAudit,
});
