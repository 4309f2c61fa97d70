import { describe, expect, it } from 'vitest';
import type { CaseDetail, Role } from '../../api/types';
import { type CaseAbilities, caseAbilities } from './case-abilities';

const LEAD = 'lead-mediator';
const LAWYER = 'co-lawyer';

/** A collective dispute held by LEAD with LAWYER co-mediating. */
const collective = (
  status: CaseDetail['status'] = 'in_mediation',
): Pick<CaseDetail, 'status' | 'mediatorId' | 'coMediators'> => ({
  status,
  mediatorId: LEAD,
  coMediators: [
    { mediatorId: LAWYER, name: '张律师', kind: 'volunteer_lawyer', since: '2026-11-20T02:00:00Z' },
  ],
});

const as = (roles: Role[], mediatorId: string | null = null) => ({ user: { roles }, mediatorId });

const all = (value: boolean): CaseAbilities => ({
  recordSessions: value,
  readCaseFiles: value,
  writeCaseFiles: value,
  close: value,
  recordPayments: value,
});

describe('caseAbilities (the API’s case rule, as the console applies it)', () => {
  it('lets the lead do everything while the case is in mediation', () => {
    expect(caseAbilities(collective(), as(['mediator'], LEAD))).toEqual(all(true));
  });

  it('lets an active co-mediator work the case and record payments, but not close it', () => {
    expect(caseAbilities(collective(), as(['volunteer'], LAWYER))).toEqual({
      ...all(true),
      close: false,
    });
  });

  it('gives another mediator nothing to write, only the case files to read', () => {
    expect(caseAbilities(collective(), as(['mediator'], 'someone-else'))).toEqual({
      ...all(false),
      readCaseFiles: true,
    });
  });

  it('ignores a mediator id without a mediating role, as the API does', () => {
    expect(caseAbilities(collective(), as(['intake'], LAWYER))).toEqual(all(false));
  });

  it('lets supervisors and admins record payments and read the files, nothing more', () => {
    for (const role of ['supervisor', 'admin'] as const) {
      expect(caseAbilities(collective(), as([role]))).toEqual({
        ...all(false),
        readCaseFiles: true,
        recordPayments: true,
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
      });
    }
  });

  it('offers no writing before acceptance, nor to someone signed out', () => {
    expect(caseAbilities(collective('offered'), as(['mediator'], LEAD))).toMatchObject({
      recordSessions: false,
      writeCaseFiles: false,
      close: false,
    });
    expect(caseAbilities(collective(), null)).toEqual(all(false));
  });
});
