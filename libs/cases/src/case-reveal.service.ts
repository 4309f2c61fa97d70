import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { type Actor, AuditLog, PiiCipher, isUuid } from '@heqi/core';
import { mayReveal } from './case-access.js';
import type { RevealedClaimant } from './case-views.js';
import { CaseError } from './cases.errors.js';

/**
 * The one way clear phone and ID numbers leave the cases context: a reveal with a reason,
 * written to the audit log in the same transaction that reads them.
 */
@Injectable()
export class CaseRevealService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(PiiCipher) private readonly cipher: PiiCipher,
    @Inject(AuditLog) private readonly audit: AuditLog,
  ) {}

  /**
   * The claimants with their numbers in clear, for admins, supervisors and intake staff inside
   * their subtree and the mediators working the case (holder, active co-mediators). Every reveal is one `case.reveal` audit
   * entry carrying the reason and how many claimants were shown — never the numbers. If the
   * entry cannot be written, nothing is revealed.
   *
   * @throws CaseError `CASE_NOT_FOUND` for an unknown case or one outside the caller's reach.
   */
  async reveal(
    actor: Actor,
    caseId: string,
    reason: string,
  ): Promise<{ claimants: RevealedClaimant[] }> {
    if (!isUuid(caseId)) throw CaseError.notFound();
    const why = reason.trim();
    if ([...why].length < 2) {
      throw CaseError.invalid([{ field: 'reason', message: '请说明查看原因（至少 2 个字）' }]);
    }
    // Decrypted inside the transaction: a value that fails to decrypt rolls the entry back.
    return this.dataSource.transaction(async (manager) => {
      const [found] = (await manager.query(
        `SELECT c.case_no, c.mediator_id, ou.path,
                EXISTS (SELECT 1 FROM case_co_mediator cm
                         WHERE cm.case_id = c.id AND cm.mediator_id = $2 AND cm.until IS NULL)
                  AS co_mediates
           FROM mediation_case c JOIN org_unit ou ON ou.id = c.org_unit_id
          WHERE c.id = $1`,
        [caseId, actor.mediatorId],
      )) as { case_no: string; mediator_id: string | null; path: string; co_mediates: boolean }[];
      const facts = found && {
        unitPath: found.path,
        mediatorId: found.mediator_id,
        coMediates: found.co_mediates,
      };
      if (!found || !facts || !mayReveal(actor, facts)) throw CaseError.notFound();
      const claimants = (await manager.query(
        `SELECT name, phone_enc, id_number_enc FROM claimant WHERE case_id = $1 ORDER BY position`,
        [caseId],
      )) as { name: string; phone_enc: string | null; id_number_enc: string | null }[];
      await this.audit.record(manager, actor, {
        action: 'case.reveal',
        objectType: 'case',
        objectId: caseId,
        orgPath: found.path,
        data: { reason: why, caseNo: found.case_no, claimants: claimants.length },
      });
      return {
        claimants: claimants.map((c) => ({
          name: c.name,
          phone: c.phone_enc === null ? null : this.cipher.decrypt(c.phone_enc),
          idNumber: c.id_number_enc === null ? null : this.cipher.decrypt(c.id_number_enc),
        })),
      };
    });
  }
}
