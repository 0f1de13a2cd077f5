import { describe, expect, it } from 'vitest';
import { acceptedFamilies, familiesOfUnit, measureOfName, suggestedUnitFor, type UnitFamily } from './unitFamilies.ts';

describe('what an indicator name measures', () => {
  // Real indicator names from published forms (the seed and the national 共性指标库 examples).
  it.each<[string, UnitFamily | null]>([
    ['网站考评分数', 'score'],
    ['政策文件解读率', 'percent'],
    ['办事群众满意度', 'percent'],
    ['舆情监控报告', 'document'],
    ['信息系统运维月报表份数', 'document'],
    ['海珠区数据产业发展策略与实施路径研究报告', 'document'],
    ['琶洲算法库平台年度新注册用户数量', 'people'],
    ['培训人次', 'people'],
    ['参训人数', 'people'],
    ['电子政务外网互联出口带宽', 'bandwidth'],
    ['系统漏洞扫描次数', 'event'],
    ['开展宣传活动场次', 'event'],
    ['“广州塔景区智能化管理平台”对接前端感知视频监控路数', 'count'],
    ['购置设备数量', 'count'],
    ['单位服务成本', 'money'],
    ['人均补助标准金额', 'money'],
    ['绿化面积', 'area'],
    ['道路维修里程', 'length'],
    ['项目完成时间', 'duration'],
    ['诉讼败诉量', null],
    ['群众获得感', null],
  ])('%s → %s', (name, family) => {
    expect(measureOfName(name)?.family ?? null).toBe(family);
  });
});

describe('units', () => {
  it('sorts units into families and accepts what the measure allows', () => {
    expect(familiesOfUnit('场')).toEqual(['event']);
    expect(familiesOfUnit('个')).toEqual(['people', 'count', 'document']);
    expect(familiesOfUnit('%')).toEqual(['percent']);
    expect(familiesOfUnit('Mbps')).toEqual(['bandwidth']);
    expect(familiesOfUnit('元/人')).toEqual(['money']);
    expect(acceptedFamilies('count')).toContain('people');
    expect(acceptedFamilies('people')).not.toContain('event');
  });

  it('suggests the unit a count word names', () => {
    expect(suggestedUnitFor('对接前端感知视频监控路数', 'count')).toBe('路');
    expect(suggestedUnitFor('系统漏洞扫描次数', 'event')).toBe('次');
    expect(suggestedUnitFor('研究报告', 'document')).toBe('份');
  });
});
