import {
  accountChangesFollowOn,
  incidentsInOrder,
  keysStopWhenRevoked,
  workersStayOnTheirNode,
} from './account-rules.js';
import { taskChainInOrder, vmChangesFollowOn } from './chain-rules.js';
import { addressesNeverReal, peopleKeepTheirClients, userAgentPlausible } from './client-rules.js';
import { latencyFitsOutcome } from './latency-rules.js';
import { messageFitsCodeAndKind } from './message-rules.js';
import { payloadAgrees } from './payload-rules.js';
import type { Event, Rule, RuleResult } from './rule.js';
import { sessionChainInOrder, sessionOnlyWhenLoggedIn } from './session-rules.js';
import { codeFollowsStatus, httpFieldsFollowSource, statusFollowsName } from './status-rules.js';

/** Rules every event must keep, whatever set it comes in. */
export const EVENT_RULES: readonly Rule[] = [
  statusFollowsName,
  httpFieldsFollowSource,
  codeFollowsStatus,
  messageFitsCodeAndKind,
  payloadAgrees,
  sessionOnlyWhenLoggedIn,
  latencyFitsOutcome,
  userAgentPlausible,
  addressesNeverReal,
];

/** Rules on chains of events, judged on whole chains (an export of the world, in time order). */
export const CHAIN_RULES: readonly Rule[] = [
  taskChainInOrder,
  sessionChainInOrder,
  vmChangesFollowOn,
  accountChangesFollowOn,
  keysStopWhenRevoked,
  workersStayOnTheirNode,
  incidentsInOrder,
  peopleKeepTheirClients,
];

/** Runs the rules over the events: one result per rule. */
export function checkConsistency(events: readonly Event[], rules: readonly Rule[]): RuleResult[] {
  return rules.map((rule) => rule.check(events));
}
