import { OrgUnitLevel } from '@heqi/network';

/** The fields of an org unit that routing reads (a row of `org_unit`, nothing more). */
export interface UnitRef {
  id: string;
  name: string;
  level: OrgUnitLevel;
  /** Materialised path `/<districtId>/<townId>/…/<id>/`. */
  path: string;
  parentId: string | null;
  code: string | null;
  creditCode: string | null;
}

const pathIds = (unit: Pick<UnitRef, 'path'>): string[] => unit.path.split('/').filter(Boolean);

/** The district a unit belongs to: the root of its path. */
export const districtIdOf = (unit: Pick<UnitRef, 'path'>): string => pathIds(unit)[0]!;

/**
 * The town a unit lies in (itself for a town), or null for a district. Every village and
 * enterprise hangs under a town, directly or through a village, so the town is always the
 * second id of the path.
 */
export const townIdOf = (unit: Pick<UnitRef, 'path' | 'level'>): string | null =>
  unit.level === OrgUnitLevel.District ? null : (pathIds(unit)[1] ?? null);

/** The row shape the directory selects, mapped to a {@link UnitRef}. */
export interface UnitRow {
  id: string;
  name: string;
  level: OrgUnitLevel;
  path: string;
  parent_id: string | null;
  code: string | null;
  credit_code: string | null;
}

export const UNIT_COLUMNS = 'u.id, u.name, u.level, u.path, u.parent_id, u.code, u.credit_code';

export const toUnitRef = (row: UnitRow): UnitRef => ({
  id: row.id,
  name: row.name,
  level: row.level,
  path: row.path,
  parentId: row.parent_id,
  code: row.code,
  creditCode: row.credit_code,
});
