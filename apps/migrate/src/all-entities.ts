import { AuditEntry, JobReceipt, OutboxMessage, PipelineProbe } from '@heqi/core';
import { CASE_ENTITIES } from '@heqi/cases';
import { HotlineKey } from '@heqi/hotline';
import { AuthSession, RefreshToken, User } from '@heqi/identity';
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
];
