import { DisputeCategory, type FieldProblem, normalizeMobile } from '@heqi/core';
import { MediatorKind } from './mediator-kind.enum.js';
import { cleanText } from './org-unit-rules.js';

export const MEDIATOR_NAME_MAX = 100;
export const LAW_FIRM_MAX = 200;
/** Capacity bounds (the Network migration's CHECK). */
export const CAPACITY_MAX = 1000;

export const isMediatorKind = (value: unknown): value is MediatorKind =>
  Object.values(MediatorKind).includes(value as MediatorKind);

export const isDisputeCategory = (value: unknown): value is DisputeCategory =>
  Object.values(DisputeCategory).includes(value as DisputeCategory);

/** A mediator's own fields; absent ones are not checked (an update sends a few). */
export interface MediatorFields {
  name?: string;
  phone?: string;
  kind?: MediatorKind;
  skills?: DisputeCategory[];
  capacity?: number;
  lawFirm?: string | null;
  active?: boolean;
  unavailableUntil?: Date | null;
}

/**
 * Cleans and checks a mediator's fields (the phone comes back as its 11 digits). Types are checked as well as values because the import
 * reaches the service without the HTTP layer's DTO validation.
 */
export function checkMediatorFields(input: MediatorFields): {
  fields: MediatorFields;
  problems: FieldProblem[];
} {
  const problems: FieldProblem[] = [];
  const fields: MediatorFields = {};
  const problem = (field: string, message: string) => problems.push({ field, message });

  if (input.name !== undefined) {
    const name = typeof input.name === 'string' ? cleanText(input.name) : null;
    if (!name) problem('name', '姓名不能为空');
    else if (name.length > MEDIATOR_NAME_MAX)
      problem('name', `不能超过 ${MEDIATOR_NAME_MAX} 个字符`);
    else fields.name = name;
  }
  if (input.phone !== undefined) {
    const phone = normalizeMobile(input.phone);
    if (phone) fields.phone = phone;
    else problem('phone', '不是有效的手机号码');
  }
  if (input.kind !== undefined) {
    if (isMediatorKind(input.kind)) fields.kind = input.kind;
    else problem('kind', `取值无效，可选：${Object.values(MediatorKind).join(', ')}`);
  }
  if (input.skills !== undefined) {
    const skills = input.skills;
    if (!Array.isArray(skills) || skills.length === 0) problem('skills', '至少选择 1 个擅长类别');
    else if (!skills.every(isDisputeCategory)) {
      problem('skills', `含无效类别，可选：${Object.values(DisputeCategory).join(', ')}`);
    } else if (new Set(skills).size !== skills.length) problem('skills', '不能有重复项');
    else fields.skills = [...skills];
  }
  if (input.capacity !== undefined) {
    const capacity = input.capacity;
    if (!Number.isInteger(capacity) || capacity < 0 || capacity > CAPACITY_MAX) {
      problem('capacity', `必须是 0 到 ${CAPACITY_MAX} 之间的整数`);
    } else fields.capacity = capacity;
  }
  if (input.lawFirm !== undefined) {
    fields.lawFirm = typeof input.lawFirm === 'string' ? cleanText(input.lawFirm) : null;
    if (fields.lawFirm && fields.lawFirm.length > LAW_FIRM_MAX) {
      problem('lawFirm', `不能超过 ${LAW_FIRM_MAX} 个字符`);
    }
  }
  if (input.active !== undefined) {
    if (typeof input.active === 'boolean') fields.active = input.active;
    else problem('active', '必须是布尔值');
  }
  if (input.unavailableUntil !== undefined) {
    const until = input.unavailableUntil;
    if (until === null || (until instanceof Date && !Number.isNaN(until.getTime()))) {
      fields.unavailableUntil = until;
    } else problem('unavailableUntil', '必须是带时区的 ISO 8601 时间');
  }
  return { fields, problems };
}

/** Volunteer lawyers need their law firm: conflict checks (回避) compare it with the employer's. */
export function lawFirmProblem(kind: MediatorKind, lawFirm: string | null): FieldProblem | null {
  return kind === MediatorKind.VolunteerLawyer && !lawFirm
    ? { field: 'lawFirm', message: '志愿律师必须填写所在律师事务所' }
    : null;
}
