import { OrgUnitLevel } from '@heqi/network';
import { type UnitRef, districtIdOf } from './unit-ref.js';

/** A place unit whose name occurs in a text, at `[start, end)`. */
export interface PlaceMention {
  unit: UnitRef;
  start: number;
  end: number;
}

/** Place names shorter than this are not searched for: one character matches everywhere. */
const MIN_NAME_LENGTH = 2;

/**
 * The active districts, towns and villages, indexed to find which of them a text names. Names
 * are looked up by their first two characters, so a text is scanned once whatever the size of
 * the network, rather than once per place.
 */
export class PlaceGazetteer {
  private readonly byPrefix = new Map<string, UnitRef[]>();
  private readonly byId = new Map<string, UnitRef>();
  private readonly byCode = new Map<string, UnitRef>();
  /** Districts in the order the directory gave them (oldest first): the first is the default. */
  readonly districts: readonly UnitRef[];

  constructor(places: readonly UnitRef[]) {
    for (const unit of places) {
      this.byId.set(unit.id, unit);
      if (unit.code) this.byCode.set(unit.code, unit);
      if (unit.name.length < MIN_NAME_LENGTH) continue;
      const prefix = unit.name.slice(0, MIN_NAME_LENGTH);
      const list = this.byPrefix.get(prefix);
      if (list) list.push(unit);
      else this.byPrefix.set(prefix, [unit]);
    }
    this.districts = places.filter((u) => u.level === OrgUnitLevel.District);
  }

  get(id: string): UnitRef | undefined {
    return this.byId.get(id);
  }

  /** The place unit with this unit code (区划/机构编码), if any. */
  withCode(code: string): UnitRef | undefined {
    return this.byCode.get(code);
  }

  /**
   * The places named in `text` (within one district when given). A name that only occurs inside
   * a longer name found at the same spot is dropped: 「西塘」 inside 「西塘村」 is not a mention of
   * a village called 西塘. Homonyms (two villages called 新民村 in different towns) are both kept;
   * the caller decides between them.
   */
  mentionsIn(text: string, withinDistrictId?: string | null): PlaceMention[] {
    const found: PlaceMention[] = [];
    for (let start = 0; start + MIN_NAME_LENGTH <= text.length; start++) {
      const candidates = this.byPrefix.get(text.slice(start, start + MIN_NAME_LENGTH));
      if (!candidates) continue;
      for (const unit of candidates) {
        if (withinDistrictId && districtIdOf(unit) !== withinDistrictId) continue;
        if (text.startsWith(unit.name, start)) {
          found.push({ unit, start, end: start + unit.name.length });
        }
      }
    }
    return found.filter(
      (m) =>
        !found.some(
          (other) =>
            other.end - other.start > m.end - m.start &&
            other.start <= m.start &&
            m.end <= other.end,
        ),
    );
  }
}
