import { describe, expect, it } from 'vitest';
import { Role } from '@heqi/core';
import {
  userShapeProblems,
  type MediatorFacts,
  type ShapeFacts,
  type UnitFacts,
} from './user-rules.js';

const town: UnitFacts = { id: 'town', path: '/d/town/', active: true };
const village: UnitFacts = { id: 'village', path: '/d/town/village/', active: true };
const staffInVillage: MediatorFacts = {
  id: 'm1',
  kind: 'union_staff',
  active: true,
  path: village.path,
};
const lawyerInTown: MediatorFacts = {
  id: 'm2',
  kind: 'volunteer_lawyer',
  active: true,
  path: town.path,
};

const facts = (over: Partial<ShapeFacts> = {}): ShapeFacts => ({
  unit: town,
  mediator: null,
  unitChanged: true,
  mediatorChanged: true,
  ...over,
});

const fields = (problems: { field: string }[]) => problems.map((p) => p.field);

describe('userShapeProblems', () => {
  it('accepts an intake user in a unit', () => {
    expect(
      userShapeProblems({ roles: [Role.Intake], orgUnitId: 'town', mediatorId: null }, facts()),
    ).toEqual([]);
  });

  it('lets only an admin (who does not mediate) go without a unit', () => {
    const none = facts({ unit: null });
    expect(
      userShapeProblems({ roles: [Role.Admin], orgUnitId: null, mediatorId: null }, none),
    ).toEqual([]);
    expect(
      userShapeProblems(
        { roles: [Role.Admin, Role.Supervisor], orgUnitId: null, mediatorId: null },
        none,
      ),
    ).toEqual([]);
    expect(
      fields(
        userShapeProblems({ roles: [Role.Supervisor], orgUnitId: null, mediatorId: null }, none),
      ),
    ).toEqual(['orgUnitId']);
    expect(
      fields(
        userShapeProblems(
          { roles: [Role.Admin, Role.Mediator], orgUnitId: null, mediatorId: 'm1' },
          facts({ unit: null, mediator: staffInVillage }),
        ),
      ),
    ).toEqual(['orgUnitId']);
  });

  it('reports an unknown unit, and a deactivated one only when it is being set', () => {
    const shape = { roles: [Role.Intake], orgUnitId: 'gone', mediatorId: null };
    expect(userShapeProblems(shape, facts({ unit: null }))).toEqual([
      { field: 'orgUnitId', message: '组织单位不存在' },
    ]);
    const closed = { ...town, active: false };
    expect(fields(userShapeProblems(shape, facts({ unit: closed })))).toEqual(['orgUnitId']);
    expect(userShapeProblems(shape, facts({ unit: closed, unitChanged: false }))).toEqual([]);
  });

  it('requires a mediator record for mediators and volunteers, and refuses one for others', () => {
    expect(
      fields(
        userShapeProblems({ roles: [Role.Mediator], orgUnitId: 'town', mediatorId: null }, facts()),
      ),
    ).toEqual(['mediatorId']);
    expect(
      fields(
        userShapeProblems(
          { roles: [Role.Supervisor], orgUnitId: 'town', mediatorId: 'm1' },
          facts({ mediator: staffInVillage }),
        ),
      ),
    ).toEqual(['mediatorId']);
    expect(
      userShapeProblems(
        { roles: [Role.Mediator], orgUnitId: 'town', mediatorId: 'm1' },
        facts({ mediator: staffInVillage }),
      ),
    ).toEqual([]);
  });

  it('links a volunteer to a volunteer lawyer only', () => {
    expect(
      userShapeProblems(
        { roles: [Role.Volunteer], orgUnitId: 'town', mediatorId: 'm1' },
        facts({ mediator: staffInVillage }),
      ),
    ).toEqual([{ field: 'mediatorId', message: '志愿律师账号只能关联志愿律师类调解员' }]);
    expect(
      userShapeProblems(
        { roles: [Role.Volunteer], orgUnitId: 'town', mediatorId: 'm2' },
        facts({ mediator: lawyerInTown }),
      ),
    ).toEqual([]);
  });

  it('requires the mediator to sit in the user’s unit subtree', () => {
    expect(
      userShapeProblems(
        { roles: [Role.Volunteer], orgUnitId: 'village', mediatorId: 'm2' },
        facts({ unit: village, mediator: lawyerInTown }),
      ),
    ).toEqual([{ field: 'mediatorId', message: '调解员不在该用户所属单位及其下级单位内' }]);
    // A sibling whose path merely starts with the same characters is not inside.
    const lookalike: MediatorFacts = { ...staffInVillage, path: '/d/town2/' };
    expect(
      fields(
        userShapeProblems(
          { roles: [Role.Mediator], orgUnitId: 'town', mediatorId: 'm1' },
          facts({ mediator: lookalike }),
        ),
      ),
    ).toEqual(['mediatorId']);
  });

  it('reports an unknown mediator, and a deactivated one only when it is being linked', () => {
    const shape = { roles: [Role.Mediator], orgUnitId: 'town', mediatorId: 'gone' };
    expect(userShapeProblems(shape, facts())).toEqual([
      { field: 'mediatorId', message: '调解员不存在' },
    ]);
    const retired = { ...staffInVillage, active: false };
    expect(fields(userShapeProblems(shape, facts({ mediator: retired })))).toEqual(['mediatorId']);
    expect(userShapeProblems(shape, facts({ mediator: retired, mediatorChanged: false }))).toEqual(
      [],
    );
  });
});
