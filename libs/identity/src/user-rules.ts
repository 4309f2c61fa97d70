import { Role, type FieldProblem } from '@heqi/core';

/** The mediator kind a volunteer (law-firm lawyer) account must act as. */
export const VOLUNTEER_MEDIATOR_KIND = 'volunteer_lawyer';

/** What the users service reads about a unit named on a user. */
export interface UnitFacts {
  id: string;
  path: string;
  active: boolean;
}

/** What the users service reads about a mediator named on a user (with its unit's path). */
export interface MediatorFacts {
  id: string;
  kind: string;
  active: boolean;
  path: string;
}

/** The parts of a user that must agree with each other and with the network. */
export interface UserShape {
  roles: Role[];
  orgUnitId: string | null;
  mediatorId: string | null;
}

export interface ShapeFacts {
  /** The unit `orgUnitId` names; null when it names none or an unknown one. */
  unit: UnitFacts | null;
  /** The mediator `mediatorId` names; null when it names none or an unknown one. */
  mediator: MediatorFacts | null;
  /** Whether the unit / mediator is being set now: only then is a deactivated one refused. */
  unitChanged: boolean;
  mediatorChanged: boolean;
}

/** Whether a user with these roles acts as a mediator record (mediator or volunteer). */
export const mediates = (roles: readonly Role[]): boolean =>
  roles.includes(Role.Mediator) || roles.includes(Role.Volunteer);

/**
 * Field problems of a user's roles, unit and mediator link (empty when they agree):
 * only an admin may be deployment-wide; mediators and volunteers must link a mediator record,
 * nobody else may; a volunteer's must be a volunteer lawyer; the mediator must sit in the
 * user's unit subtree.
 */
export function userShapeProblems(shape: UserShape, facts: ShapeFacts): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const orgUnit = (message: string) => problems.push({ field: 'orgUnitId', message });
  const mediator = (message: string) => problems.push({ field: 'mediatorId', message });

  if (shape.orgUnitId === null) {
    if (mediates(shape.roles)) orgUnit('调解员或志愿律师账号必须指定所属单位');
    else if (!shape.roles.includes(Role.Admin)) orgUnit('必须指定所属单位（只有管理员可以不指定）');
  } else if (!facts.unit) {
    orgUnit('组织单位不存在');
  } else if (facts.unitChanged && !facts.unit.active) {
    orgUnit('组织单位已停用');
  }

  if (mediates(shape.roles) && shape.mediatorId === null) {
    mediator('调解员或志愿律师账号必须关联调解员');
  } else if (!mediates(shape.roles) && shape.mediatorId !== null) {
    mediator('只有调解员或志愿律师账号可以关联调解员');
  } else if (shape.mediatorId !== null) {
    const m = facts.mediator;
    if (!m) {
      mediator('调解员不存在');
    } else {
      if (facts.mediatorChanged && !m.active) mediator('调解员已停用');
      if (shape.roles.includes(Role.Volunteer) && m.kind !== VOLUNTEER_MEDIATOR_KIND) {
        mediator('志愿律师账号只能关联志愿律师类调解员');
      }
      if (facts.unit && !m.path.startsWith(facts.unit.path)) {
        mediator('调解员不在该用户所属单位及其下级单位内');
      }
    }
  }
  return problems;
}
