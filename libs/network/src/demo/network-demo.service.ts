import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { DisputeCategory, SystemActor } from '@heqi/core';
import type { MediatorKind } from '../mediator-kind.enum.js';
import { MediatorsService } from '../mediators.service.js';
import { analyzeNetwork } from '../network-statistics.js';
import type { OrgUnitLevel } from '../org-unit-level.enum.js';
import { OrgUnitsService } from '../org-units.service.js';

/** A network described by references (test/fixtures/network.json's shape). */
export interface DemoNetwork {
  units: {
    ref: string;
    name: string;
    level: OrgUnitLevel | `${OrgUnitLevel}`;
    /** `ref` of the parent; absent for a district. */
    parent?: string;
    code?: string;
    creditCode?: string;
    address?: string;
  }[];
  mediators: {
    ref: string;
    name: string;
    kind: MediatorKind | `${MediatorKind}`;
    /** `ref` of the mediator's unit. */
    unit: string;
    skills: (DisputeCategory | `${DisputeCategory}`)[];
    capacity: number;
    lawFirm?: string;
    /** Made up from the ref when absent (the fixture has none): demo data holds no real numbers. */
    phone?: string;
  }[];
}

export interface DemoNetworkResult {
  /** Database id of every unit, by ref. */
  units: Record<string, string>;
  /** Database id of every mediator, by ref. */
  mediators: Record<string, string>;
  created: { units: number; mediators: number };
}

/** The audit name of what the demo loader writes. */
const DEMO_ACTOR: SystemActor = { system: 'demo-network' };

/**
 * Loads a demo network (`npm run demo`, tests). Idempotent: units and mediators already there
 * (same name under the same parent or same credit code; same phone in the same unit) are reused,
 * so running it again creates nothing and returns the same ids.
 */
@Injectable()
export class NetworkDemoService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(OrgUnitsService) private readonly units: OrgUnitsService,
    @Inject(MediatorsService) private readonly mediators: MediatorsService,
  ) {}

  async loadDemoNetwork(network: DemoNetwork): Promise<DemoNetworkResult> {
    const result: DemoNetworkResult = {
      units: {},
      mediators: {},
      created: { units: 0, mediators: 0 },
    };
    // Parents first, whatever the order of the list.
    let pending = [...network.units];
    while (pending.length) {
      const ready = pending.filter((u) => !u.parent || result.units[u.parent]);
      if (!ready.length) {
        throw new Error(`demo network: unknown parent refs of ${pending.map((u) => u.ref)}`);
      }
      for (const unit of ready) {
        const parentId = unit.parent ? result.units[unit.parent]! : null;
        const existing = await this.units.findSame(parentId, unit.name, unit.creditCode ?? null);
        if (existing) {
          result.units[unit.ref] = existing.id;
          continue;
        }
        const created = await this.units.create(DEMO_ACTOR, {
          name: unit.name,
          level: unit.level as OrgUnitLevel,
          parentId,
          code: unit.code ?? null,
          creditCode: unit.creditCode ?? null,
          address: unit.address ?? null,
        });
        result.units[unit.ref] = created.id;
        result.created.units++;
      }
      pending = pending.filter((u) => !ready.includes(u));
    }

    for (const mediator of network.mediators) {
      const orgUnitId = result.units[mediator.unit];
      if (!orgUnitId) throw new Error(`demo network: unknown unit ref ${mediator.unit}`);
      const phone = mediator.phone ?? demoPhone(mediator.ref);
      const existing = await this.mediators.findIdByPhone(orgUnitId, phone);
      if (existing) {
        result.mediators[mediator.ref] = existing;
        continue;
      }
      const created = await this.mediators.create(DEMO_ACTOR, {
        name: mediator.name,
        phone,
        kind: mediator.kind as MediatorKind,
        orgUnitId,
        skills: mediator.skills as DisputeCategory[],
        capacity: mediator.capacity,
        lawFirm: mediator.lawFirm ?? null,
      });
      result.mediators[mediator.ref] = created.id;
      result.created.mediators++;
    }
    await analyzeNetwork(this.dataSource);
    return result;
  }
}

/** A stable made-up mobile number for a demo mediator: 170 (virtual operators) + 8 digits. */
export function demoPhone(ref: string): string {
  const digits = BigInt(`0x${createHash('sha256').update(ref).digest('hex').slice(0, 15)}`);
  return `170${(digits % 100_000_000n).toString().padStart(8, '0')}`;
}
