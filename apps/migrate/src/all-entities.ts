import { AuditEntry, JobReceipt, OutboxMessage, PipelineProbe } from '@heqi/core';
import { ASSIGNMENT_ENTITIES } from '@heqi/assignment';
import { CASE_ENTITIES } from '@heqi/cases';
import { DEADLINE_ENTITIES } from '@heqi/deadlines';
import { HotlineKey } from '@heqi/hotline';
import { AuthSession, RefreshToken, User } from '@heqi/identity';
import { MEDIATION_ENTITIES } from '@heqi/mediation';
import { Mediator, OrgUnit } from '@heqi/network';

/** Every entity of every context: the model that migrations are generated against. */
export const ALL_ENTITIES = [
  OutboxMessage,
  JobReceipt,
  PipelineProbe,
  AuditEntry,
  HotlineKey,
  User,
  AuthSession,
  RefreshToken,
  OrgUnit,
  Mediator,
  ...CASE_ENTITIES,
  ...ASSIGNMENT_ENTITIES,
  ...DEADLINE_ENTITIES,
  ...MEDIATION_ENTITIES,
];
