import { describe, expect, it } from 'vitest';
import type { CaseDetail, Role } from '../../api/types';
import { type CaseAbilities, caseAbilities } from './case-abilities';

const LEAD = 'lead-mediator';
const LAWYER = 'co-lawyer';

type Subject = Pick<CaseDetail, 'status' | 'mediatorId' | 'coMediators'>;

/** A collective dispute held by LEAD with LAWYER co-mediating. */
const collective = (status: CaseDetail['status'] = 'in_mediation'): Subject => ({
  status,
  mediatorId: LEAD,
  coMediators: [
    { mediatorId: LAWYER, name: '张律师', kind: 'volunteer_lawyer', since: '2026-11-20T02:00:00Z' },
  ],
});

/** The same case with nobody co-mediating. */
const alone = (status: CaseDetail['status'] = 'in_mediation'): Subject => ({
  ...collective(status),
  coMediators: [],
});

const as = (roles: Role[], mediatorId: string | null = null) => ({ user: { roles }, mediatorId });

const all = (value: boolean): CaseAbilities => ({
  recordSessions: value,
  readCaseFiles: value,
  writeCaseFiles: value,
  close: value,
  recordPayments: value,
  appointCoMediator: value,
  endCoMediation: value,
  leaveCoMediation: value,
});

/** No say over the case's co-mediator. */
const NO_CO_CONTROL = {
  appointCoMediator: false,
  endCoMediation: false,
  leaveCoMediation: false,
} as const;

const SUPERVISING = ['supervisor', 'admin'] as const;

describe('caseAbilities (the API’s case rule, as the console applies it)', () => {
  it('lets the lead work and close the case in mediation, not choose the co-mediator', () => {
    expect(caseAbilities(collective(), as(['mediator'], LEAD))).toEqual({
      ...all(true),
      ...NO_CO_CONTROL,
    });
  });

  it('lets an active co-mediator work the case, record payments and withdraw, not close it', () => {
    expect(caseAbilities(collective(), as(['volunteer'], LAWYER))).toEqual({
      ...all(true),
      close: false,
      appointCoMediator: false,
      endCoMediation: false,
    });
  });

  it('gives another mediator nothing to write, only the case files to read', () => {
    expect(caseAbilities(collective(), as(['mediator'], 'someone-else'))).toEqual({
      ...all(false),
      readCaseFiles: true,
    });
    expect(caseAbilities(collective(), as(['volunteer'], 'another-lawyer'))).toEqual({
      ...all(false),
      readCaseFiles: true,
    });
  });

  it('ignores a mediator id without a mediating role, as the API does', () => {
    expect(caseAbilities(collective(), as(['intake'], LAWYER))).toEqual(all(false));
  });

  it('lets only a volunteer withdraw from co-mediating (the API’s roles for ending it)', () => {
    expect(caseAbilities(collective(), as(['mediator'], LAWYER))).toMatchObject({
      recordSessions: true,
      leaveCoMediation: false,
    });
  });

  it('lets supervisors and admins record payments, read the files and manage the co-mediator', () => {
    for (const role of SUPERVISING) {
      expect(caseAbilities(collective(), as([role]))).toEqual({
        ...all(false),
        readCaseFiles: true,
        recordPayments: true,
        appointCoMediator: true,
        endCoMediation: true,
      });
    }
  });

  it('lets supervisors appoint a co-mediator to an offered case, and end only a current one', () => {
    for (const role of SUPERVISING) {
      for (const status of ['offered', 'in_mediation'] as const) {
        expect(caseAbilities(collective(status), as([role]))).toMatchObject({
          appointCoMediator: true,
          endCoMediation: true,
        });
        expect(caseAbilities(alone(status), as([role]))).toMatchObject({
          appointCoMediator: true,
          endCoMediation: false,
        });
      }
    }
  });

  it('leaves the co-mediator alone outside offered and in mediation', () => {
    for (const status of ['triage', 'queued', 'closed', 'returned'] as const) {
      for (const role of SUPERVISING) {
        expect(caseAbilities(collective(status), as([role]))).toMatchObject({
          appointCoMediator: false,
          endCoMediation: false,
        });
      }
      expect(caseAbilities(collective(status), as(['volunteer'], LAWYER))).toMatchObject({
        leaveCoMediation: false,
      });
    }
  });

  it('keeps notes, attachments and payments open after the close; sessions and closing not', () => {
    for (const [who, mediatorId] of [
      ['mediator', LEAD],
      ['volunteer', LAWYER],
    ] as const) {
      expect(caseAbilities(collective('closed'), as([who], mediatorId))).toEqual({
        recordSessions: false,
        readCaseFiles: true,
        writeCaseFiles: true,
        close: false,
        recordPayments: true,
        ...NO_CO_CONTROL,
      });
    }
  });

  it('offers no writing before acceptance, nor to someone signed out', () => {
    expect(caseAbilities(collective('offered'), as(['mediator'], LEAD))).toMatchObject({
      recordSessions: false,
      writeCaseFiles: false,
      close: false,
    });
    expect(caseAbilities(collective('offered'), as(['volunteer'], LAWYER))).toMatchObject({
      recordSessions: false,
      leaveCoMediation: true,
    });
    expect(caseAbilities(collective(), null)).toEqual(all(false));
  });
});
