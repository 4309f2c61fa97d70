import { describe, expect, it } from 'vitest';
import { type Actor, Role } from '@heqi/core';
import { MEDIATOR_REACH_SQL, caseReachCondition, mayReveal, reachesCase } from './case-access.js';

const TOWN_A = '/d/a/';
const actor = (roles: Role[], orgPath: string | null, mediatorId: string | null = null): Actor => ({
  userId: 'u',
  username: 'u',
  roles,
  orgUnitId: orgPath ? 'unit' : null,
  orgPath,
  mediatorId,
});

describe('caseReachCondition', () => {
  it.each([Role.Admin, Role.Supervisor, Role.Intake])('scopes %s to the unit subtree', (role) => {
    expect(caseReachCondition(actor([role], TOWN_A))).toEqual({
      sql: '(ou.path LIKE :reachPath)',
      params: { reachPath: '/d/a/%' },
    });
  });

  it('lets a deployment-wide admin see everything', () => {
    expect(caseReachCondition(actor([Role.Admin], null)).sql).toBe('(TRUE)');
  });

  it.each([Role.Mediator, Role.Volunteer])('scopes %s to the cases they hold', (role) => {
    expect(caseReachCondition(actor([role], TOWN_A, 'm1'))).toEqual({
      sql: `(${MEDIATOR_REACH_SQL})`,
      params: { reachMediatorId: 'm1' },
    });
  });

  it('gives several roles the union of their reaches', () => {
    expect(caseReachCondition(actor([Role.Intake, Role.Mediator], TOWN_A, 'm1'))).toEqual({
      sql: `(ou.path LIKE :reachPath OR ${MEDIATOR_REACH_SQL})`,
      params: { reachPath: '/d/a/%', reachMediatorId: 'm1' },
    });
  });

  it('reaches nothing for a mediator without a mediator record or a user without a unit', () => {
    expect(caseReachCondition(actor([Role.Mediator], TOWN_A)).sql).toBe('FALSE');
    expect(caseReachCondition(actor([Role.Supervisor], null)).sql).toBe('(FALSE)');
  });
});

describe('reachesCase', () => {
  const inA = { unitPath: '/d/a/v/', mediatorId: null };
  const inB = { unitPath: '/d/b/', mediatorId: 'm1' };

  it('agrees with the SQL condition for unit roles', () => {
    expect(reachesCase(actor([Role.Supervisor], TOWN_A), inA)).toBe(true);
    expect(reachesCase(actor([Role.Supervisor], TOWN_A), inB)).toBe(false);
    expect(reachesCase(actor([Role.Admin], null), inB)).toBe(true);
  });

  it('lets a mediator reach only the cases they hold, wherever they are', () => {
    expect(reachesCase(actor([Role.Mediator], TOWN_A, 'm1'), inB)).toBe(true);
    expect(reachesCase(actor([Role.Mediator], TOWN_A, 'm2'), inB)).toBe(false);
    // A mediator's home unit gives no reach of its own.
    expect(reachesCase(actor([Role.Mediator], TOWN_A, 'm1'), inA)).toBe(false);
  });

  it('lets the reveal follow the reach, and the active co-mediator too', () => {
    const alone = { coMediates: false };
    expect(mayReveal(actor([Role.Volunteer], '/d/', 'm1'), { ...inB, ...alone })).toBe(true);
    expect(mayReveal(actor([Role.Supervisor], '/d/b/'), { ...inA, ...alone })).toBe(false);
    expect(mayReveal(actor([Role.Volunteer], '/d/', 'm9'), { ...inB, ...alone })).toBe(false);
    expect(mayReveal(actor([Role.Volunteer], '/d/', 'm9'), { ...inB, coMediates: true })).toBe(
      true,
    );
    // Co-mediation is a mediator's: a unit role outside the subtree gains nothing from it.
    expect(mayReveal(actor([Role.Intake], '/d/b/'), { ...inA, coMediates: true })).toBe(false);
  });
});
