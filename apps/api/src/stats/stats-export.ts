import type { Indicators, StatsGroup, StatsRow, WorkloadRow } from '@app/stats';
import type { CellKind as Kind, Column } from '../http/table-export';

/** Chinese headers of the indicators, with how each is formatted. */
const INDICATOR_COLUMNS: [keyof Indicators, string, Kind][] = [
  ['casesReceived', '登记案件', 'count'],
  ['casesFiled', '立案', 'count'],
  ['casesClosed', '结案', 'count'],
  ['casesNotFiled', '不予立案', 'count'],
  ['closingRate', '结案率', 'rate'],
  ['closingDue', '期限届满或完成', 'count'],
  ['closedOnTime', '按期办结', 'count'],
  ['onTimeRate', '按期办结率', 'rate'],
  ['handled', '计算周期案件', 'count'],
  ['handlingP50Wd', '办案周期中位数（工作日）', 'wd'],
  ['handlingP90Wd', '办案周期P90（工作日）', 'wd'],
  ['handlingMeanWd', '平均办案周期（工作日，扣除中止）', 'wd'],
  ['handlingMeanGrossWd', '平均办案周期（工作日，含中止）', 'wd'],
  ['fines', '罚款案件', 'count'],
  ['finesSumYuan', '罚款总额（元）', 'yuan'],
  ['fineMedianYuan', '罚款中位数（元，估算）', 'yuan'],
  ['referralsSent', '移送协作发出', 'count'],
  ['referralsReceived', '移送协作收到', 'count'],
  ['referralResponseMeanWd', '平均响应用时（工作日）', 'wd'],
  ['criminalTransfers', '移送公安', 'count'],
  ['policeFiled', '公安立案', 'count'],
  ['policeAcceptanceRate', '公安立案率', 'rate'],
  ['complaintsReceived', '收到投诉举报', 'count'],
  ['complaintsAccepted', '受理', 'count'],
  ['complaintsRefused', '不予受理', 'count'],
  ['complaintsAnswered', '答复', 'count'],
  ['complaintsTransferred', '移送管辖', 'count'],
  ['complaintsDecidedOnTimeRate', '按时受理率', 'rate'],
  ['callbacks', '回访', 'count'],
  ['satisfactionMean', '平均满意度（1–5）', 'score'],
  ['satisfiedShare', '满意率（4–5分）', 'rate'],
  ['listingsPublished', '列入严重失信名单', 'count'],
  ['listingsRemoved', '移出名单', 'count'],
];

const GROUP_HEADERS: Record<StatsGroup, string> = {
  month: '月份',
  ipType: '知识产权类型',
  region: '地区',
  office: '办案机关',
  procedure: '程序',
  source: '案件来源',
};

export function breakdownColumns(by: StatsGroup[]): Column<StatsRow>[] {
  return [
    ...by.map((g) => ({
      header: `${GROUP_HEADERS[g]}代码`,
      kind: 'text' as Kind,
      value: (r: StatsRow) => r[g],
    })),
    { header: '名称', kind: 'text', value: (r) => r.label },
    ...INDICATOR_COLUMNS.map(([k, header, kind]) => ({ header, kind, value: (r: StatsRow) => r[k] })),
  ];
}

export const WORKLOAD_COLUMNS: Column<WorkloadRow>[] = [
  { header: '办案人员', kind: 'text', value: (r) => r.name },
  { header: '在办案件', kind: 'count', value: (r) => r.open },
  { header: '其中超期', kind: 'count', value: (r) => r.overdue },
  { header: '期内结案', kind: 'count', value: (r) => r.closed },
  { header: '期限届满或完成', kind: 'count', value: (r) => r.closingDue },
  { header: '按期办结率', kind: 'rate', value: (r) => r.onTimeRate },
  { header: '平均办案周期（工作日）', kind: 'wd', value: (r) => r.handlingMeanWd },
];
