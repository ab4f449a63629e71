import type { Actor } from '@app/contracts';
import { CASE_ACTIONS, CASE_STATES, labelOf, scrubPersonalDataDeep } from '@app/domain';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import { CaseService } from './case.service';
import type { TimelineEntry } from './case-views';

const FIXED: Record<string, (d: Record<string, unknown>) => { zh: string; en: string }> = {
  'case.registered': () => ({ zh: '登记案件', en: 'Case registered' }),
  'case.updated': (d) => ({
    zh: `修改案件信息（${Object.keys(d).join('、')}）`,
    en: `Case details changed (${Object.keys(d).join(', ')})`,
  }),
  'case.officers_set': (d) => ({
    zh: `指派办案人员（${(d.officerIds as string[] | undefined)?.length ?? 0} 名）`,
    en: `Officers assigned (${(d.officerIds as string[] | undefined)?.length ?? 0})`,
  }),
  'case.party_added': (d) => ({ zh: `添加当事人：${String(d.name)}`, en: `Party added: ${String(d.name)}` }),
  'case.party_removed': () => ({ zh: '删除当事人', en: 'Party removed' }),
  'case.right_added': (d) => ({
    zh: `添加权利：${String(d.number)}`,
    en: `Right added: ${String(d.number)}`,
  }),
  'case.right_removed': () => ({ zh: '删除权利', en: 'Right removed' }),
  'case.note_added': (d) => ({ zh: `备注：${String(d.body)}`, en: `Note: ${String(d.body)}` }),
  'case.evidence_added': (d) => ({
    zh: `上传证据「${String(d.title)}」（SHA-256 ${String(d.sha256).slice(0, 12)}…）`,
    en: `Evidence added "${String(d.title)}" (SHA-256 ${String(d.sha256).slice(0, 12)}…)`,
  }),
  'case.evidence_downloaded': () => ({ zh: '下载证据', en: 'Evidence downloaded' }),
  'personal_data.revealed': (d) => ({
    zh: `查看当事人${String(d.partyName)}的完整个人信息（${fieldNames(d.fields, 'zh')}）`,
    en: `Personal data of party ${String(d.partyName)} shown in full (${fieldNames(d.fields, 'en')})`,
  }),
  'case.moved': (d) => ({
    zh: `${d.how === 'designated' ? '经指定管辖' : '经移送管辖'}移交其他机关办理${d.toCaseNo ? `，新案号 ${String(d.toCaseNo)}` : ''}`,
    en: `Moved to another office (${d.how === 'designated' ? 'designated' : 'transfer accepted'})${d.toCaseNo ? `, new case no. ${String(d.toCaseNo)}` : ''}`,
  }),
  'case.transferred_police': (d) => ({
    zh: `公安机关已立案（移送 ${String(d.referralNo)}），行政案件终结`,
    en: `The police opened a case (referral ${String(d.referralNo)}); the administrative case ends`,
  }),
  'case.supervision_started': () => ({ zh: '上级挂牌督办', en: 'Joint supervision started' }),
  'case.supervision_reported': () => ({ zh: '报送督办进展', en: 'Progress report filed' }),
  'case.supervision_ended': () => ({ zh: '督办结束', en: 'Joint supervision ended' }),
  'case.evidence_verified': (d) =>
    d.ok
      ? { zh: '证据完整性校验通过', en: 'Evidence integrity verified' }
      : { zh: '证据完整性校验失败！', en: 'Evidence integrity check FAILED' },
};

const FIELD_NAMES: Record<string, { zh: string; en: string }> = {
  idNumber: { zh: '身份证号', en: 'ID number' },
  phone: { zh: '电话', en: 'phone' },
};
const fieldNames = (fields: unknown, lang: 'zh' | 'en') =>
  (Array.isArray(fields) ? fields : [])
    .map((f) => FIELD_NAMES[String(f)]?.[lang] ?? String(f))
    .join(lang === 'zh' ? '、' : ', ');

/**
 * The case's history, newest last: every event of its audit stream (transitions, notes, evidence, documents —
 * the hash-chained record) and every notification sent about it (from the outbox).
 */
@Injectable()
export class CaseTimelineService {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly cases: CaseService,
  ) {}

  async timeline(actor: Actor, caseId: string): Promise<TimelineEntry[]> {
    const c = await this.cases.readable(actor, caseId);
    const [events, notices] = await Promise.all([
      this.txHost.tx.query(
        `SELECT occurred_at, actor_name, action, data FROM audit_events WHERE stream = $1 ORDER BY seq`,
        [`case:${c.id}`],
      ) as Promise<
        { occurred_at: Date; actor_name: string; action: string; data: Record<string, unknown> }[]
      >,
      this.txHost.tx.query(
        `SELECT o.created_at, o.topic, o.payload,
                (SELECT count(*)::int FROM notification_deliveries d WHERE d.outbox_id = o.id) AS deliveries,
                (SELECT count(*)::int FROM notification_deliveries d WHERE d.outbox_id = o.id AND d.status = 'delivered')
                  AS delivered
           FROM outbox o
          WHERE coalesce(o.payload->'data'->>'caseId', o.payload->'data'->>'itemId') = $1
            AND (o.payload->'data' ? 'caseId' OR o.payload->'data'->>'source' = 'cases')
          ORDER BY o.id`,
        [c.id],
      ) as Promise<
        {
          created_at: Date;
          topic: string;
          payload: { title: { zh: string; en: string }; data?: Record<string, unknown> };
          deliveries: number;
          delivered: number;
        }[]
      >,
    ]);
    const entries: TimelineEntry[] = [
      ...events.map((e) => ({
        at: new Date(e.occurred_at).toISOString(),
        kind: 'event' as const,
        action: e.action,
        actor: e.actor_name,
        summary: summarize(e.action, e.data),
        data: e.data,
      })),
      ...notices.map((n) => ({
        at: new Date(n.created_at).toISOString(),
        kind: 'notification' as const,
        action: n.topic,
        actor: null,
        summary: n.payload.title,
        data: { ...(n.payload.data ?? {}), deliveries: n.deliveries, delivered: n.delivered },
      })),
    ];
    // What officers wrote (facts, notes) may name a party's ID number or phone: masked here as everywhere (issue 9).
    return entries
      .map((e) => ({ ...e, summary: scrubPersonalDataDeep(e.summary), data: scrubPersonalDataDeep(e.data) }))
      .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.kind === 'event' ? -1 : 1));
  }
}

function summarize(action: string, data: Record<string, unknown>): { zh: string; en: string } {
  const fixed = FIXED[action];
  if (fixed) return fixed(data);
  const a = labelOf(CASE_ACTIONS, action.replace(/^case\./, ''));
  const from = labelOf(CASE_STATES, data.from);
  const to = labelOf(CASE_STATES, data.to);
  const doc = data.document as { docNo?: string } | undefined;
  const move = data.from !== data.to ? `：${from.zh} → ${to.zh}` : '';
  const moveEn = data.from !== data.to ? `: ${from.en} → ${to.en}` : '';
  return {
    zh: `${a.zh}${move}${data.caseNo ? `，案号 ${String(data.caseNo)}` : ''}${doc?.docNo ? `，文书 ${doc.docNo}` : ''}`,
    en: `${a.en}${moveEn}${data.caseNo ? `, case no. ${String(data.caseNo)}` : ''}${doc?.docNo ? `, document ${doc.docNo}` : ''}`,
  };
}
