/** The API's record shapes as the client uses them (see packages/core/src/<aggregate> for the source of truth). */
export type Role = "admin" | "manager" | "rep";
export type ForecastCategory = "pipeline" | "best_case" | "commit" | "closed" | "omitted";

export interface Page<T> {
  items: T[];
  cursor: string | null;
}

export interface Me {
  userId: string;
  email: string;
  role: Role;
  teamId: string;
}

export interface Team {
  teamId: string;
  name: string;
}

export interface TeamMember {
  userId: string;
  name: string;
  email: string;
  role: Role;
  teamId: string;
  active?: boolean;
}

export interface Stage {
  key: string;
  name: string;
  nameZh?: string;
  probability: number;
  forecastCategory: ForecastCategory;
  guidance?: string;
}

export interface Pipeline {
  pipelineId: string;
  name: string;
  isDefault?: boolean;
  stages: Stage[];
}

export interface Opportunity {
  opportunityId: string;
  name: string;
  accountId: string;
  amount: number;
  currency: string;
  expectedCloseDate?: string;
  ownerId?: string;
  teamMemberIds?: string[];
  teamId: string;
  pipelineId: string;
  stage: string;
  probability: number;
  version: number;
}

export const leadStatuses = ["new", "assigned", "contacted", "qualified", "converted", "disqualified", "recycled"] as const;
export type LeadStatus = (typeof leadStatuses)[number];

export interface Lead {
  leadId: string;
  name: string;
  companyName?: string;
  email?: string;
  source: string;
  status: LeadStatus;
  totalScore?: number;
  grade?: string;
  ownerId?: string;
  createdAt: string;
}

export interface SignInResult {
  token: string;
  user: TeamMember;
}
