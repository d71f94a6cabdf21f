import {
  goalListSchema,
  goalSchema,
  referralListSchema,
  referralResourceListSchema,
  referralResourceSchema,
  referralSchema,
  type Goal,
  type GoalInput,
  type GoalRevisionInput,
  type GoalStatusInput,
  type ProgressReviewInput,
  type Referral,
  type ReferralInput,
  type ReferralResource,
  type ReferralResourceInput,
  type ReferralResourceUpdate,
  type ReferralStatusInput,
} from '@anxin/common';
import { apiGet, apiPatch, apiPost, queryString, type Schema } from '../../lib/api.ts';

const V1 = '/api/v1';
const id = (value: string) => encodeURIComponent(value);

/** The web app depends on zod only through @anxin/common: these wrap the contract's schemas. */
const goal: Schema<Goal> = { parse: (data) => goalSchema.parse(data) };
const goals: Schema<{ items: Goal[] }> = { parse: (data) => goalListSchema.parse(data) };
const referral: Schema<Referral> = { parse: (data) => referralSchema.parse(data) };
const referrals: Schema<{ items: Referral[] }> = {
  parse: (data) => referralListSchema.parse(data),
};
const resource: Schema<ReferralResource> = {
  parse: (data) => referralResourceSchema.parse(data),
};
const resources: Schema<{ items: ReferralResource[] }> = {
  parse: (data) => referralResourceListSchema.parse(data),
};

/** The client's goals in one episode, as the caller may read them (oldest first). */
export async function listGoals(clientUserId: string, episodeId: string, signal?: AbortSignal) {
  const path = `${V1}/clients/${id(clientUserId)}/goals${queryString({ episodeId })}`;
  return (await apiGet(path, goals, signal)).items;
}

export const createGoal = (body: GoalInput) => apiPost(`${V1}/goals`, goal, body);

export const reviewGoal = (goalId: string, body: ProgressReviewInput) =>
  apiPost(`${V1}/goals/${id(goalId)}/reviews`, goal, body);

/** Answers the new goal; the old one is now `revised` and points to it. */
export const reviseGoal = (goalId: string, body: GoalRevisionInput) =>
  apiPost(`${V1}/goals/${id(goalId)}/revisions`, goal, body);

export const changeGoalStatus = (goalId: string, body: GoalStatusInput) =>
  apiPost(`${V1}/goals/${id(goalId)}/status`, goal, body);

export async function listReferrals(clientUserId: string, episodeId: string, signal?: AbortSignal) {
  const path = `${V1}/clients/${id(clientUserId)}/referrals${queryString({ episodeId })}`;
  return (await apiGet(path, referrals, signal)).items;
}

export const createReferral = (body: ReferralInput) => apiPost(`${V1}/referrals`, referral, body);

export const changeReferralStatus = (referralId: string, body: ReferralStatusInput) =>
  apiPost(`${V1}/referrals/${id(referralId)}/status`, referral, body);

/** The directory: active entries, or (for its managers) retired ones as well. */
export async function listReferralResources(includeInactive = false, signal?: AbortSignal) {
  const path = `${V1}/referral-resources${queryString({
    includeInactive: includeInactive ? 'true' : undefined,
  })}`;
  return (await apiGet(path, resources, signal)).items;
}

export const createReferralResource = (body: ReferralResourceInput) =>
  apiPost(`${V1}/referral-resources`, resource, body);

export const updateReferralResource = (resourceId: string, body: ReferralResourceUpdate) =>
  apiPatch(`${V1}/referral-resources/${id(resourceId)}`, resource, body);
