import { type PiiCipher, maskIdNumber, maskPhone, normalizePii } from '@heqi/core';
import type { ClaimantInput } from './case-draft.js';

/** What is stored for one claimant: the name, and each number encrypted, hashed and masked. */
export interface StoredClaimant {
  name: string;
  phoneEnc: string | null;
  phoneHash: string | null;
  phoneMasked: string | null;
  idNumberEnc: string | null;
  idNumberHash: string | null;
  idNumberMasked: string | null;
}

/** Shown when a claimant gave no name (hotline callers often do not). */
const UNNAMED_CLAIMANT = '来电人';

/**
 * Encrypts, hashes (for look-up) and masks a claimant's numbers; the clear values go no further.
 * The one way a claimant row is made, by case creation and by the demo's history loader alike.
 */
export function protectClaimant(cipher: PiiCipher, input: ClaimantInput): StoredClaimant {
  const phone = blankToNull(input.phone);
  const idNumber = blankToNull(input.idNumber);
  const phoneNorm = phone === null ? null : normalizePii(phone);
  const idNorm = idNumber === null ? null : normalizePii(idNumber);
  return {
    name: blankToNull(input.name) ?? UNNAMED_CLAIMANT,
    phoneEnc: phoneNorm === null ? null : cipher.encrypt(phoneNorm),
    phoneHash: phoneNorm === null ? null : cipher.lookupHash(phoneNorm),
    phoneMasked: maskPhone(phoneNorm),
    idNumberEnc: idNorm === null ? null : cipher.encrypt(idNorm),
    idNumberHash: idNorm === null ? null : cipher.lookupHash(idNorm),
    idNumberMasked: maskIdNumber(idNorm),
  };
}

function blankToNull(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}
