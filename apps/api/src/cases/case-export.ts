import type { CaseSummary } from '@app/cases';
import { CASE_SOURCES, CASE_STATES, IP_TYPES, OUTCOMES, PROCEDURES } from '@app/domain';
import type { Column } from '../http/table-export';

const zh = (list: readonly { code: string; zh: string }[]) => {
  const map = new Map(list.map((x) => [x.code, x.zh]));
  return (code: string | null) => (code === null ? '' : (map.get(code) ?? code));
};
const ipType = zh(IP_TYPES);
const procedure = zh(PROCEDURES);
const source = zh(CASE_SOURCES);
const state = zh(CASE_STATES);
const outcome = zh(OUTCOMES);

/** The case list's download: what the list shows, with Chinese headers and labels. */
export const CASE_EXPORT_COLUMNS: Column<CaseSummary>[] = [
  { header: '案件编号', kind: 'text', value: (c) => c.caseNo ?? '' },
  { header: '登记号', kind: 'text', value: (c) => `DJ${c.regNo}` },
  { header: '案件名称', kind: 'text', value: (c) => c.title },
  { header: '知识产权类型', kind: 'text', value: (c) => ipType(c.ipType) },
  { header: '程序', kind: 'text', value: (c) => procedure(c.procedure) },
  { header: '案件来源', kind: 'text', value: (c) => source(c.source) },
  { header: '状态', kind: 'text', value: (c) => state(c.status) },
  { header: '处理结果', kind: 'text', value: (c) => outcome(c.outcome) },
  { header: '办案机关', kind: 'text', value: (c) => c.officeName },
  { header: '地区代码', kind: 'text', value: (c) => c.regionCode },
  { header: '地区', kind: 'text', value: (c) => c.regionName },
  { header: '受理日期', kind: 'text', value: (c) => c.receivedOn },
  { header: '立案日期', kind: 'text', value: (c) => c.filedOn },
  { header: '结案日期', kind: 'text', value: (c) => c.closedOn },
  { header: '罚款（元）', kind: 'yuan', value: (c) => (c.fineFen === null ? null : c.fineFen / 100) },
  { header: '大案要案', kind: 'text', value: (c) => (c.major ? '是' : '') },
];
