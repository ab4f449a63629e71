import { CalendarService } from '@app/calendar';
import type { Bilingual } from '@app/contracts';
import { deadlineWithTolling, REFUSAL_GROUNDS, REPORTER_NOTICE_RULE, shanghaiDate } from '@app/domain';
import { OutboxWriter } from '@app/outbox';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import { ComplaintStore, contactsOf } from './complaint-store';
import type { ComplaintRow } from './complaint-view';

/** What the complainant is told. */
export type ComplaintOutcome =
  | { kind: 'accepted' }
  | { kind: 'not_accepted'; refusalGround: string; reason: string | null }
  | { kind: 'answered'; answer: string }
  | { kind: 'converted'; caseNumber: string }
  | { kind: 'merged'; into: string };

function message(trackingNo: string, o: ComplaintOutcome): { title: Bilingual; body: Bilingual } {
  const title = { zh: `您的工单 ${trackingNo} 有了处理结果`, en: `Your complaint ${trackingNo}: outcome` };
  switch (o.kind) {
    case 'accepted':
      return {
        title,
        body: { zh: '已受理，我们将依法处理。', en: 'It has been accepted and will be handled.' },
      };
    case 'not_accepted': {
      const g = REFUSAL_GROUNDS.find((x) => x.code === o.refusalGround);
      return {
        title,
        body: {
          zh: `不予受理：${g?.zh ?? o.refusalGround}${o.reason ? `（${o.reason}）` : ''}。`,
          en: `Not accepted: ${g?.en ?? o.refusalGround}${o.reason ? ` (${o.reason})` : ''}.`,
        },
      };
    }
    case 'answered':
      return { title, body: { zh: `答复：${o.answer}`, en: `Answer: ${o.answer}` } };
    case 'converted':
      return {
        title,
        body: {
          zh: `已立案，案件编号 ${o.caseNumber}。可凭工单号继续查询进度。`,
          en: `A case has been filed (${o.caseNumber}); track it with your complaint number.`,
        },
      };
    case 'merged':
      return {
        title,
        body: {
          zh: `与工单 ${o.into} 反映的是同一事项，已合并办理；请以 ${o.into} 查询进度。`,
          en: `It concerns the same matter as complaint ${o.into} and is handled with it; track ${o.into}.`,
        },
      };
  }
}

/**
 * Telling complainants what became of their complaint (总局令第20号 Arts 14, 31): by SMS and e-mail through the
 * outbox, to the complainant and to everyone whose duplicate was merged into the complaint. The notice is due
 * within 5 working days of the decision; when there is no phone or e-mail to write to it stays due, and an
 * operator records how the complainant was told (`POST /complaints/:id/notice`), swept like any deadline.
 */
@Injectable()
export class ComplaintNotifier {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly outbox: OutboxWriter,
    private readonly calendar: CalendarService,
    private readonly store: ComplaintStore,
  ) {}

  /**
   * Tells the complainant (and those merged into the complaint) that it is being transferred to another office,
   * before the transfer (domain.md §3). Not an outcome notice: the outcome is still to come. Returns whether anyone
   * could be written to (an anonymous complaint, or one without phone or e-mail, cannot be).
   */
  async announceTransfer(c: ComplaintRow, to: { name: string }, reason: string): Promise<boolean> {
    if (c.anonymous) return false;
    const contacts = await this.store.contacts(c.id as string);
    if (!contacts.emails.length && !contacts.phones.length) return false;
    const no = c.tracking_no as string;
    await this.outbox.add({
      topic: 'complaint.decided',
      payload: {
        to: contacts,
        title: { zh: `您的工单 ${no} 将移送${to.name}`, en: `Your complaint ${no} is being transferred` },
        body: {
          zh: `您的工单拟移送${to.name}处理，理由：${reason}。可凭工单号继续查询进度。`,
          en: `It is being transferred to ${to.name}. Reason: ${reason}. Track it with your complaint number.`,
        },
        link: `/public/track?no=${encodeURIComponent(no)}`,
        data: { complaintId: c.id, trackingNo: no, outcome: 'transfer' },
      },
    });
    return true;
  }

  /**
   * Records the outcome notice of complaint `c` and queues it. `onlyItself`: tell this complaint's complainant
   * alone (a duplicate being merged), not the ones merged into it.
   */
  async tell(c: ComplaintRow, outcome: ComplaintOutcome, onlyItself = false): Promise<void> {
    if (c.anonymous) return;
    const now = new Date();
    const due = deadlineWithTolling(
      {
        start: shanghaiDate(now),
        startAt: now,
        amount: REPORTER_NOTICE_RULE.amount,
        unit: REPORTER_NOTICE_RULE.unit,
      },
      await this.calendar.snapshot(),
    );
    const to = onlyItself ? contactsOf([c]) : await this.store.contacts(c.id as string);
    const reachable = to.emails.length + to.phones.length > 0;
    if (reachable) {
      await this.outbox.add({
        topic: 'complaint.decided',
        payload: {
          to,
          ...message(c.tracking_no as string, outcome),
          link: `/public/track?no=${encodeURIComponent(c.tracking_no as string)}`,
          data: { complaintId: c.id, trackingNo: c.tracking_no, outcome: outcome.kind },
        },
      });
    }
    await this.txHost.tx.query(
      `UPDATE complaints SET notice_due_at = $2,
              notified_at = CASE WHEN $3 THEN now() ELSE NULL END,
              notice_channel = CASE WHEN $3 THEN $4 ELSE NULL END,
              notified_by = NULL
        WHERE id = $1`,
      [c.id, due.dueAt, reachable, to.phones.length ? 'sms' : 'email'],
    );
  }
}
