import { Role } from '@heqi/core';
import type { DemoNetwork } from '@heqi/network';

/** One demo login: who it is, where it sits, and (for mediators) their mediator record. */
export interface DemoLogin {
  username: string;
  displayName: string;
  roleCode: Role;
  /** The role as printed for the person trying the demo. */
  role: string;
  unitRef: string;
  /** The unit as printed. */
  unit: string;
  mediatorRef?: string;
}

/** Every demo user shares it; demo data is for trying heqi out, never for production. */
export const DEMO_PASSWORD = 'heqi-demo-2026';

/** Staff without a mediator record: supervisors of the district and of 东港镇, intake staff. */
const STAFF: DemoLogin[] = [
  {
    username: 'nanhu.supervisor',
    displayName: '区总工会 陈主任',
    roleCode: Role.Supervisor,
    role: '督导（区）',
    unitRef: 'D',
    unit: '南湖区',
  },
  {
    username: 'donggang.supervisor',
    displayName: '东港镇工会 刘主席',
    roleCode: Role.Supervisor,
    role: '督导（镇）',
    unitRef: 'T1',
    unit: '东港镇',
  },
  {
    username: 'nanhu.intake',
    displayName: '12345 联络员 孙敏',
    roleCode: Role.Intake,
    role: '受理',
    unitRef: 'D',
    unit: '南湖区',
  },
];

/**
 * The demo's logins: the staff above, then one per mediator of the network (union staff and
 * village mediators as `mediator`, law-firm lawyers as `volunteer`), named after the fixture's
 * refs so the printout maps to the network: M-T1a → m-t1a, L1 → lawyer1.
 */
export function demoLogins(network: DemoNetwork): DemoLogin[] {
  const unitName = new Map(network.units.map((u) => [u.ref, u.name]));
  const mediators = network.mediators.map((m): DemoLogin => {
    const lawyer = m.kind === 'volunteer_lawyer';
    return {
      username: lawyer ? `lawyer${m.ref.slice(1)}` : m.ref.toLowerCase(),
      displayName: m.name,
      roleCode: lawyer ? Role.Volunteer : Role.Mediator,
      role: lawyer ? '志愿律师' : '调解员',
      unitRef: m.unit,
      unit: unitName.get(m.unit) ?? m.unit,
      mediatorRef: m.ref,
    };
  });
  return [...STAFF, ...mediators];
}

/** The user whose presence means the demo is already loaded. */
export const DEMO_MARKER_USERNAME = STAFF[0]!.username;
