import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { preparedQuery, shareRounds } from '@heqi/core';
import { OrgUnitLevel } from '@heqi/network';
import type { EmployerIndex } from './jurisdiction.js';
import { PlaceGazetteer } from './place-gazetteer.js';
import { UNIT_COLUMNS, type UnitRef, type UnitRow, toUnitRef } from './unit-ref.js';

/** What a batch asks the directory about. */
export interface EmployerQuery {
  ids: readonly string[];
  creditCodes: readonly string[];
  names: readonly string[];
  codes: readonly string[];
}

/**
 * How long the place list is reused. Districts, towns and villages change a few times a year;
 * a village created less than this ago is not yet found by address (its orders wait in triage,
 * where staff place them) — the price of not reading every place for every order.
 */
const PLACES_TTL_MS = 30_000;

type Via = 'id' | 'credit_code' | 'name' | 'name_key' | 'code' | 'input_key';

/** Unit columns as text, so the `input_key` rows (a name and its key) fit the same union. */
const COLUMNS =
  'u.id::text AS id, u.name, u.level, u.path, u.parent_id::text AS parent_id, u.code, u.credit_code';

/**
 * Reads the network for routing, in bulk: one round trip finds every enterprise a batch of
 * orders may refer to, and the place list (districts, towns, villages) is kept in memory for a
 * short while. Matching by normalised name uses the network's own SQL rule
 * (`heqi_unit_name_key`, migration NetworkExtras) on both sides, so it cannot drift from it.
 */
@Injectable()
export class UnitDirectory {
  private cached?: { at: number; gazetteer: PlaceGazetteer };
  private loading?: Promise<PlaceGazetteer>;

  /**
   * Concurrent pushes share one lookup (each reads its own employers from the merged index): at
   * 200 pushes/s a lookup per push kept the pool's connections waiting on each other.
   */
  private readonly lookUpShared = shareRounds((queries: readonly EmployerQuery[]) =>
    this.lookUp({
      ids: distinct(queries.flatMap((q) => q.ids)),
      creditCodes: distinct(queries.flatMap((q) => q.creditCodes)),
      names: distinct(queries.flatMap((q) => q.names)),
      codes: distinct(queries.flatMap((q) => q.codes)),
    }),
  );

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The active places; reloaded after {@link PLACES_TTL_MS}, or at once while there are none. */
  async places(): Promise<PlaceGazetteer> {
    const cached = this.cached;
    if (cached && cached.gazetteer.districts.length && Date.now() - cached.at < PLACES_TTL_MS) {
      return cached.gazetteer;
    }
    this.loading ??= this.loadPlaces().finally(() => (this.loading = undefined));
    return this.loading;
  }

  /** Forgets the place list, so the next order reads the network afresh. */
  forgetPlaces(): void {
    this.cached = undefined;
  }

  /**
   * Enterprises (and coded units) matching any of the query's ids, codes and names — and maybe
   * others asked for at the same moment, which change nothing for this query's lookups.
   */
  employers(query: EmployerQuery): Promise<EmployerIndex> {
    const { ids, creditCodes, names, codes } = query;
    if (!ids.length && !creditCodes.length && !names.length && !codes.length) {
      return Promise.resolve(emptyIndex());
    }
    return this.lookUpShared(query);
  }

  /**
   * A named prepared statement: planning the six-way union cost as much as running it (~0.5 ms
   * a push). Safe for a generic plan, unlike the pipeline's statements on growing tables: the
   * network changes rarely and is analysed after bulk loads (`analyzeNetwork`).
   */
  private async lookUp(query: EmployerQuery): Promise<EmployerIndex> {
    const index = emptyIndex();
    const { ids, creditCodes, names, codes } = query;
    const rows = await preparedQuery<UnitRow & { via: Via; probe: string }>(
      this.dataSource,
      `SELECT 'id' AS via, u.id::text AS probe, ${COLUMNS}
         FROM org_unit u WHERE u.id = ANY($1::uuid[]) AND u.active
       UNION ALL
       SELECT 'credit_code', u.credit_code, ${COLUMNS}
         FROM org_unit u
        WHERE u.credit_code = ANY($2::text[]) AND u.active AND u.level = $5
       UNION ALL
       SELECT 'name', u.name, ${COLUMNS}
         FROM org_unit u WHERE u.name = ANY($3::text[]) AND u.active AND u.level = $5
       UNION ALL
       SELECT 'name_key', heqi_unit_name_key(u.name), ${COLUMNS}
         FROM org_unit u
        WHERE heqi_unit_name_key(u.name) IN (SELECT heqi_unit_name_key(n) FROM unnest($3::text[]) n)
          AND u.active AND u.level = $5
       UNION ALL
       SELECT 'code', u.code, ${COLUMNS}
         FROM org_unit u WHERE u.code = ANY($4::text[]) AND u.active
       UNION ALL
       SELECT 'input_key', n, heqi_unit_name_key(n), NULL, NULL, NULL, NULL, NULL, NULL
         FROM unnest($3::text[]) n
       ORDER BY 1, 2, 6`,
      [ids, creditCodes, names, codes, OrgUnitLevel.Enterprise],
    );
    for (const row of rows) {
      if (row.via === 'input_key') {
        // The key is in `id`: the column list is shared with the unit rows.
        if (row.id) index.nameKeys.set(row.probe, row.id);
        continue;
      }
      const unit = toUnitRef(row);
      if (row.via === 'id') index.byId.set(row.probe, unit);
      else if (row.via === 'credit_code') index.byCreditCode.set(row.probe, unit);
      else if (row.via === 'code') index.byCode.set(row.probe, unit);
      else append(row.via === 'name' ? index.byName : index.byNameKey, row.probe, unit);
    }
    return index;
  }

  private async loadPlaces(): Promise<PlaceGazetteer> {
    const rows = (await this.dataSource.query(
      `SELECT ${UNIT_COLUMNS} FROM org_unit u
        WHERE u.active AND u.level IN ($1, $2, $3)
        ORDER BY u.depth, u.created_at, u.id`,
      [OrgUnitLevel.District, OrgUnitLevel.Town, OrgUnitLevel.Village],
    )) as UnitRow[];
    const gazetteer = new PlaceGazetteer(rows.map(toUnitRef));
    this.cached = { at: Date.now(), gazetteer };
    return gazetteer;
  }
}

/** An index being filled (an {@link EmployerIndex} once returned). */
interface EmployerIndexBuilder {
  byId: Map<string, UnitRef>;
  byCreditCode: Map<string, UnitRef>;
  byName: Map<string, UnitRef[]>;
  byNameKey: Map<string, UnitRef[]>;
  nameKeys: Map<string, string>;
  byCode: Map<string, UnitRef>;
}

function emptyIndex(): EmployerIndexBuilder {
  return {
    byId: new Map<string, UnitRef>(),
    byCreditCode: new Map<string, UnitRef>(),
    byName: new Map<string, UnitRef[]>(),
    byNameKey: new Map<string, UnitRef[]>(),
    nameKeys: new Map<string, string>(),
    byCode: new Map<string, UnitRef>(),
  };
}

const distinct = (values: readonly string[]): string[] => [...new Set(values)];

function append(map: Map<string, UnitRef[]>, key: string, unit: UnitRef): void {
  const list = map.get(key);
  if (list) list.push(unit);
  else map.set(key, [unit]);
}
