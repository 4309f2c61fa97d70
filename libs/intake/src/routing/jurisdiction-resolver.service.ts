import { Inject, Injectable } from '@nestjs/common';
import { isUuid } from '@heqi/core';
import {
  type JurisdictionDecision,
  type RoutingFacts,
  cleanCreditCode,
  cleanName,
  decideJurisdiction,
} from './jurisdiction.js';
import { UnitDirectory } from './unit-directory.service.js';

/** A decision, with the employer name's normalised key (what unregistered employers cluster on). */
export interface ResolvedJurisdiction extends JurisdictionDecision {
  employerNameKey: string | null;
}

/**
 * Places incoming cases in the network (see {@link decideJurisdiction} for the rules). A whole
 * batch is resolved with one directory round trip, so routing costs the same for one order or
 * a thousand.
 */
@Injectable()
export class JurisdictionResolver {
  constructor(@Inject(UnitDirectory) private readonly directory: UnitDirectory) {}

  /** Reads the place list afresh on the next call (see `UnitDirectory.places`). */
  forgetPlaces(): void {
    this.directory.forgetPlaces();
  }

  async resolve(facts: RoutingFacts): Promise<ResolvedJurisdiction> {
    const [decision] = await this.resolveMany([facts]);
    return decision!;
  }

  /** Decisions in the order of `facts`. */
  async resolveMany(facts: readonly RoutingFacts[]): Promise<ResolvedJurisdiction[]> {
    const [places, employers] = await Promise.all([
      this.directory.places(),
      this.directory.employers({
        ids: distinct(facts.map((f) => f.employerUnitId).filter(isUuid)),
        creditCodes: distinct(facts.map((f) => cleanCreditCode(f.creditCode))),
        names: distinct(facts.map((f) => cleanName(f.employerName))),
        codes: distinct(facts.map((f) => f.handlingUnitCode?.trim())),
      }),
    ]);
    return facts.map((f) => {
      const decision = decideJurisdiction(f, employers, places);
      const name = cleanName(f.employerName);
      return { ...decision, employerNameKey: name ? (employers.nameKeys.get(name) ?? null) : null };
    });
  }
}

function distinct(values: readonly (string | null | undefined)[]): string[] {
  return [...new Set(values.filter((v): v is string => !!v))];
}
