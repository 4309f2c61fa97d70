import { describe, expect, it } from 'vitest';
import { OrgUnitLevel } from '@heqi/network';
import { IntakeError } from '../intake.errors.js';
import { type EmployerIndex, type RoutingFacts, decideJurisdiction } from './jurisdiction.js';
import { PlaceGazetteer } from './place-gazetteer.js';
import type { UnitRef } from './unit-ref.js';

/**
 * A small network: district 南湖区 (code 321012) with towns 西塘镇 and 东港镇; both towns have
 * a village called 新民村; 西塘镇 also has 西塘村 and a village named 塘村 (a substring of
 * 西塘村). A second district 江都区 has a town 仙女镇 with its own 西塘村.
 */
const units: Record<string, UnitRef> = {};
function unit(ref: string, name: string, level: OrgUnitLevel, parent?: string, code?: string) {
  const id = `00000000-0000-4000-8000-${String(Object.keys(units).length + 1).padStart(12, '0')}`;
  const path = `${parent ? units[parent]!.path : '/'}${id}/`;
  units[ref] = {
    id,
    name,
    level,
    path,
    parentId: parent ? units[parent]!.id : null,
    code: code ?? null,
    creditCode: null,
  };
}
unit('D', '南湖区', OrgUnitLevel.District, undefined, '321012');
unit('T1', '西塘镇', OrgUnitLevel.Town, 'D');
unit('T1V1', '西塘村', OrgUnitLevel.Village, 'T1');
unit('T1V2', '新民村', OrgUnitLevel.Village, 'T1');
unit('T1V3', '塘村', OrgUnitLevel.Village, 'T1');
unit('T2', '东港镇', OrgUnitLevel.Town, 'D');
unit('T2V1', '新民村', OrgUnitLevel.Village, 'T2');
unit('T2V2', '东港村', OrgUnitLevel.Village, 'T2');
unit('D2', '江都区', OrgUnitLevel.District, undefined, '321088');
unit('D2T', '仙女镇', OrgUnitLevel.Town, 'D2');
unit('D2TV', '西塘村', OrgUnitLevel.Village, 'D2T');
unit('E1', '扬州瑞丰五金制造有限公司', OrgUnitLevel.Enterprise, 'T1V1');
unit('E2', '扬州瑞丰五金制造有限公司', OrgUnitLevel.Enterprise, 'T2V2');

const places = new PlaceGazetteer(
  Object.values(units).filter((u) => u.level !== OrgUnitLevel.Enterprise),
);

const employers = (over: Partial<EmployerIndex> = {}): EmployerIndex => ({
  byId: new Map(),
  byCreditCode: new Map(),
  byName: new Map(),
  byNameKey: new Map(),
  nameKeys: new Map(),
  byCode: new Map(),
  ...over,
});

const decide = (facts: Partial<RoutingFacts>, index = employers()) =>
  decideJurisdiction({ text: '', ...facts }, index, places);

describe('decideJurisdiction', () => {
  describe('by employer', () => {
    const e1 = units.E1!;

    it('places a case at the enterprise with the credit code', () => {
      const d = decide(
        { creditCode: ' 91321012gtw2y65y1q ', employerName: '别的名字' },
        employers({ byCreditCode: new Map([['91321012GTW2Y65Y1Q', e1]]) }),
      );
      expect(d).toMatchObject({
        unitId: e1.id,
        triage: false,
        districtId: units.D!.id,
        townId: units.T1!.id,
        employerUnit: e1,
        routing: { by: 'credit_code', matched: '91321012GTW2Y65Y1Q', districtBy: 'unit' },
      });
    });

    it('matches the name exactly, then by its normalised key', () => {
      const exact = decide(
        { employerName: '扬州瑞丰五金制造有限公司' },
        employers({ byName: new Map([['扬州瑞丰五金制造有限公司', [e1]]]) }),
      );
      expect(exact.routing).toMatchObject({ by: 'employer_name', unitId: e1.id });
      const normalised = decide(
        { employerName: '扬州瑞丰五金制造公司' },
        employers({
          nameKeys: new Map([['扬州瑞丰五金制造公司', '扬州瑞丰五金制造']]),
          byNameKey: new Map([['扬州瑞丰五金制造', [e1]]]),
        }),
      );
      expect(normalised.routing).toMatchObject({ by: 'employer_name_normalised', unitId: e1.id });
    });

    it('tells two enterprises of one name apart by the place the address names', () => {
      const index = employers({ byName: new Map([['扬州瑞丰五金制造有限公司', [e1, units.E2!]]]) });
      const name = '扬州瑞丰五金制造有限公司';
      expect(decide({ employerName: name, eventAddress: '东港镇东港村' }, index).unitId).toBe(
        units.E2!.id,
      );
      expect(decide({ employerName: name, eventAddress: '西塘镇' }, index).unitId).toBe(e1.id);
      // Nothing to tell them apart by: not a guess, the triage queue.
      expect(decide({ employerName: name }, index).routing.by).toBe('triage');
    });

    it('uses a unit picked on the form above everything else', () => {
      const d = decide(
        { employerUnitId: units.T2V1!.id, eventAddress: '西塘镇西塘村' },
        employers({ byId: new Map([[units.T2V1!.id, units.T2V1!]]) }),
      );
      expect(d).toMatchObject({ unitId: units.T2V1!.id, routing: { by: 'employer_unit' } });
    });
  });

  describe('by address', () => {
    it('takes the most specific village, not a shorter name inside it', () => {
      const d = decide({ eventAddress: '南湖区西塘镇西塘村开发区10号' });
      expect(d).toMatchObject({
        unitId: units.T1V1!.id,
        townId: units.T1!.id,
        routing: {
          by: 'address',
          matched: '西塘村',
          source: 'eventAddress',
          districtBy: 'address',
        },
      });
    });

    it('prefers the village of that name whose town is named too', () => {
      expect(decide({ eventAddress: '东港镇新民村3组' }).unitId).toBe(units.T2V1!.id);
      expect(decide({ eventAddress: '西塘镇新民村' }).unitId).toBe(units.T1V2!.id);
    });

    it('does not guess between homonymous villages of different towns', () => {
      const d = decide({ eventAddress: '新民村5号' });
      expect(d).toMatchObject({
        triage: true,
        unitId: units.D!.id,
        routing: { by: 'triage', reason: 'ambiguous', districtBy: 'address' },
      });
    });

    it('resolves two villages of one town to that town', () => {
      expect(decide({ eventAddress: '南湖区西塘村与塘村交界处' }).unitId).toBe(units.T1!.id);
    });

    it('trusts a named town over a village of another town', () => {
      expect(decide({ eventAddress: '西塘镇东港村路8号' }).unitId).toBe(units.T1!.id);
    });

    it('falls back to the town, then to the free text', () => {
      expect(decide({ eventAddress: '东港镇人民路1号' }).unitId).toBe(units.T2!.id);
      const fromText = decide({ eventAddress: '人民路1号', text: '来电人在东港村一家厂打工' });
      expect(fromText).toMatchObject({
        unitId: units.T2V2!.id,
        routing: { by: 'address', source: 'text' },
      });
    });

    it('keeps to the district the address names', () => {
      const d = decide({ eventAddress: '江都区仙女镇西塘村' });
      expect(d).toMatchObject({ unitId: units.D2TV!.id, districtId: units.D2!.id });
    });
  });

  describe('district and triage', () => {
    it('queues what it cannot place at the first district by default', () => {
      expect(decide({ eventAddress: '某某路18号', employerName: '好又多超市' })).toMatchObject({
        unitId: units.D!.id,
        triage: true,
        townId: null,
        employerUnit: null,
        routing: { by: 'triage', reason: 'no_match', districtBy: 'default' },
      });
    });

    it('takes the district from the handling unit code, then the caller', () => {
      expect(decide({ handlingUnitCode: '321088' })).toMatchObject({
        unitId: units.D2!.id,
        routing: { districtBy: 'handling_unit_code' },
      });
      expect(decide({ callerDistrictId: units.D2!.id, eventAddress: '西塘村' })).toMatchObject({
        unitId: units.D2TV!.id,
        routing: { districtBy: 'caller' },
      });
    });

    it('refuses to route anything in a network without a district', () => {
      expect(() => decideJurisdiction({ text: '' }, employers(), new PlaceGazetteer([]))).toThrow(
        IntakeError,
      );
    });
  });
});

describe('PlaceGazetteer.mentionsIn', () => {
  it('finds every place once, dropping names found only inside longer ones', () => {
    const names = places.mentionsIn('南湖区西塘镇西塘村').map((m) => m.unit.name);
    expect(names).toEqual(['南湖区', '西塘镇', '西塘村', '西塘村']);
    expect(names).not.toContain('塘村');
  });

  it('finds a short name standing on its own', () => {
    expect(places.mentionsIn('塘村路').map((m) => m.unit.name)).toEqual(['塘村']);
  });

  it('keeps to one district when asked', () => {
    const names = places.mentionsIn('西塘村', units.D2!.id).map((m) => m.unit.id);
    expect(names).toEqual([units.D2TV!.id]);
  });
});
