import { describe, expect, it } from 'vitest';

import { extractEmployerName } from './employer-extractor.js';

describe('extractEmployerName', () => {
  it.each([
    ['来电人反映其在扬州瑞丰五金制造有限公司从事电工工作', '扬州瑞丰五金制造有限公司'],
    ['关于扬州天成机械科技有限公司劳动纠纷的诉求', '扬州天成机械科技有限公司'],
    ['来电人反映扬州协力食品有限公司自入职以来未缴社保', '扬州协力食品有限公司'],
    ['市民称其在好又多超市当理货员,超市拖欠工资', '好又多超市'],
    ['江苏华建建设集团有限公司拖欠农民工工资', '江苏华建建设集团有限公司'],
    ['其于2025年3月入职南京云帆物流有限责任公司', '南京云帆物流有限责任公司'],
    ['反映西塘镇宏达服装厂老板拖欠工资', '西塘镇宏达服装厂'],
    ['来电人在万豪大酒店做厨师,酒店未支付加班费', '万豪大酒店'],
    ['2026年5月起在金陵饭店上班', '金陵饭店'],
    ['其在中建八局南湖花园项目部干活', '中建八局南湖花园项目部'],
    ['投诉“老王烧烤店”拖欠服务员工资', '老王烧烤店'],
    [
      '来电人反映扬州顺昌汽车零部件有限公司南湖分公司拖欠工资',
      '扬州顺昌汽车零部件有限公司南湖分公司',
    ],
    ['工作单位为扬州学而在线教育科技有限公司,公司拖欠工资', '扬州学而在线教育科技有限公司'],
    ['其在永和豆浆店上班,老板拖欠工资', '永和豆浆店'],
    ['来电人在向阳机械厂工作', '向阳机械厂'],
    ['其在（扬州）瑞丰科技有限公司工作', '（扬州）瑞丰科技有限公司'],
  ])('%s → %s', (text, expected) => {
    expect(extractEmployerName(text)).toBe(expected);
  });

  it('prefers the registered company over its shop', () => {
    expect(
      extractEmployerName('其在好又多超市工作,超市由扬州好又多商贸有限公司经营,拖欠其工资'),
    ).toBe('扬州好又多商贸有限公司');
  });

  it('keeps a group and its company suffix together', () => {
    expect(extractEmployerName('扬州建工集团有限公司拖欠工资')).toBe('扬州建工集团有限公司');
  });

  it.each([
    ['a bare 公司', '来电人反映公司拖欠其工资'],
    ['该公司', '该公司拖欠其5个月工资共计56000元'],
    ['a kind of employer, not a name', '其在一家物流公司上班,老板不发工资'],
    ['an industry word only', '来电人在物流公司做分拣员'],
    ['a job title', '厂长拒绝支付工资'],
    ['a place on site', '其在工地上受伤'],
    ['the whole factory', '全厂80余人工资未发'],
    ['a shop assistant', '店员反映加班费未付'],
    ['no employer at all', '来电人反映被拖欠工资3万元,诉求协调解决'],
    ['a complaint clause before 公司', '要求劳动部门协调处理公司'],
  ])('gives undefined for %s', (_, text) => {
    expect(extractEmployerName(text)).toBeUndefined();
  });
});

describe('extractEmployerName on unnamed or redacted employers', () => {
  it.each([
    ['来电人反映其在南湖区某工厂打工,厂里拖欠工资'],
    ['反映扬州某某科技有限公司拖欠工资'],
    ['反映扬州XX网络科技有限公司拖欠工资'],
    ['其打工的厂不知道厂名'],
    ['具体公司名称不详'],
  ])('gives undefined for %s', (text) => {
    expect(extractEmployerName(text)).toBeUndefined();
  });

  it.each([
    ['其在张记面馆当服务员', '张记面馆'],
    ['其系扬州永盛物流科技有限公司员工', '扬州永盛物流科技有限公司'],
    ['施工方扬州华泰建设工程有限公司不肯赔偿', '扬州华泰建设工程有限公司'],
    ['其在扬州市南湖区人民医院做护工', '扬州市南湖区人民医院'],
    ['来电人在扬州ABC电子有限公司上班', '扬州ABC电子有限公司'],
  ])('%s → %s', (text, expected) => {
    expect(extractEmployerName(text)).toBe(expected);
  });
});
