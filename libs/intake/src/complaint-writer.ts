import { AuditWriter } from '@app/audit';
import { CALENDAR_STAMP_SQL, CalendarService } from '@app/calendar';
import type { Actor } from '@app/contracts';
import { preparedQuery, SequenceBlock } from '@app/database';
import {
  acceptanceRuleFor,
  COMPLAINT_CATEGORIES,
  deadlineWithTolling,
  formatTrackingNumber,
  ipTypeDef,
  isUuid,
  shanghaiDate,
  validateRegionCode,
  type FieldViolation,
} from '@app/domain';
import { OutboxWriter } from '@app/outbox';
import { ROUTING_STAMP_SQL, RoutingCatalog, type RoutingSnapshot } from '@app/regions';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { failValidation, fieldError, validateComplaintInput, type ComplaintInput } from './complaint-input';
import type { ComplaintView } from './complaint-view';

/** Where a complaint came from when it was not typed here: an import from another hotline system. */
export interface ComplaintOrigin {
  /** When the other system received it (the acceptance deadline runs from then). Never in the future. */
  receivedAt?: Date;
  /** The other system's name and its number for the complaint; the pair is unique (re-importing adds nothing). */
  sourceSystem?: string;
  externalRef?: string;
}

/** Tracking numbers taken from complaint_tracking_seq this many at a time (SequenceBlock). */
const TRACKING_BLOCK = 32;
/** Writes tried on the caches, then the current data, before holding the data still for a last one. */
const ATTEMPTS = 2;

/** The tracking number a request took: kept through its tries (a sequence value is never handed back). */
interface Held {
  seq: number | null;
}

/** The complaint's columns in the order of the insert's parameters. */
const COLUMNS = [
  'id',
  'seq',
  'tracking_no',
  'channel',
  'category',
  'anonymous',
  'confidential',
  'complainant_name',
  'complainant_phone',
  'complainant_id_number',
  'complainant_uscc',
  'complainant_org',
  'complainant_email',
  'respondent_name',
  'respondent_uscc',
  'respondent_address',
  'respondent_shop',
  'respondent_platform',
  'respondent_url',
  'ip_type',
  'right_number',
  'right_number_kind',
  'region_code',
  'description',
  'office_id',
  'suggested_office_id',
  'received_at',
  'received_on',
  'received_by',
  'rule_id',
  'due_at',
  'due_date',
  'source_system',
  'external_ref',
] as const;

/**
 * Writes a new complaint in one round trip: the routing data (regions, offices) and the calendar come from the
 * process's caches, the tracking number from a block of the sequence, and one prepared statement writes the
 * complaint, the first event of its audit stream and the receiving office's notification — atomic without a
 * transaction of its own — provided the calendar and the routing data are still at the versions the caches were
 * loaded at. If either moved on, nothing is written: the caches are brought up to date and the complaint worked out
 * again (intake is measured in round trips: bench:intake).
 */
@Injectable()
export class ComplaintWriter {
  private readonly trackingNumbers = new SequenceBlock('complaint_tracking_seq', TRACKING_BLOCK);

  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly audit: AuditWriter,
    private readonly outbox: OutboxWriter,
    private readonly calendar: CalendarService,
    private readonly routing: RoutingCatalog,
  ) {}

  /** Validates and writes a complaint; every input error is reported at once (400), nothing written then. */
  async insert(
    actor: Actor | null,
    input: ComplaintInput,
    idempotencyKey: string | null,
    origin: ComplaintOrigin = {},
  ): Promise<ComplaintView> {
    const held: Held = { seq: null };
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const view = await this.attempt(actor, input, idempotencyKey, origin, attempt > 0, held);
      if (view) return view;
    }
    // The data kept changing under the request: hold its versions still (FOR SHARE: a change's version bump waits
    // for this transaction) and work the complaint out once more on what is current — now it cannot be stale.
    return this.txHost.withTransaction(async () => {
      await this.txHost.tx.query(`SELECT version FROM reference_versions FOR SHARE`);
      const view = await this.attempt(actor, input, idempotencyKey, origin, true, held);
      if (!view) throw new Error('Reference data changed although its versions were locked');
      return view;
    });
  }

  /**
   * One try on the cached (or, `fresh`, the current) routing data and calendar: the complaint written, or null when
   * they moved on since (nothing written) or when an unknown region or office is to be asked of the current data.
   */
  private async attempt(
    actor: Actor | null,
    input: ComplaintInput,
    idempotencyKey: string | null,
    origin: ComplaintOrigin,
    fresh: boolean,
    held: Held,
  ): Promise<ComplaintView | null> {
    const [routing, calendar] = await Promise.all([
      fresh ? this.routing.current() : this.routing.latest(),
      fresh ? this.calendar.current() : this.calendar.latest(),
    ]);
    const v: FieldViolation[] = [];
    const c = validateComplaintInput(input, v);
    const route = routeOf(routing, actor, input, c.regionCode, c.ipType, v);
    if (v.length) {
      // An unknown region or office may be one added a moment ago: asked again of the current data first.
      if (!fresh && route.missed) return null;
      failValidation(v);
    }
    const now = origin.receivedAt ?? new Date();
    const receivedOn = shanghaiDate(now);
    const rule = acceptanceRuleFor({ category: c.category, ipType: c.ipType, channel: c.channel });
    const due = rule
      ? deadlineWithTolling(
          { start: receivedOn, startAt: now, amount: rule.amount, unit: rule.unit },
          calendar.calendar,
        )
      : null;
    held.seq ??= await this.trackingNumbers.next(this.txHost.tx);
    const seq = held.seq;
    const id = randomUUID();
    const trackingNo = formatTrackingNumber(receivedOn, seq);
    const params: unknown[] = [calendar.stamp, routing.stamp];
    const p = (value: unknown) => (params.push(value), `$${params.length}`);
    const row = [
      id,
      seq,
      trackingNo,
      c.channel,
      c.category,
      c.anonymous,
      c.confidential,
      c.complainantName,
      c.complainantPhone,
      c.complainantIdNumber,
      c.complainantUscc,
      c.complainantOrg,
      c.complainantEmail,
      c.respondentName,
      c.respondentUscc,
      c.respondentAddress,
      c.respondentShop,
      c.respondentPlatform,
      c.respondentUrl,
      c.ipType,
      c.rightNumber,
      c.rightNumberKind,
      c.regionCode,
      c.description,
      route.officeId,
      route.suggestedId,
      now,
      receivedOn,
      actor?.id ?? null,
      rule?.id ?? null,
      due?.dueAt ?? null,
      due?.due ?? null,
      origin.sourceSystem ?? null,
      origin.externalRef ?? null,
    ].map(p);
    const audit = this.audit.firstEventSql(
      actor,
      {
        action: 'complaint.received',
        entityType: 'complaint',
        entityId: id,
        data: {
          trackingNo,
          channel: c.channel,
          category: c.category,
          ipType: c.ipType,
          regionCode: c.regionCode,
          officeId: route.officeId,
          suggestedOfficeId: route.suggestedId,
          ruleId: rule?.id ?? null,
          dueAt: due?.dueAt?.toISOString() ?? null,
          ...(idempotencyKey ? { idempotencyKey } : {}),
          ...(origin.externalRef
            ? { sourceSystem: origin.sourceSystem, externalRef: origin.externalRef }
            : {}),
        },
      },
      p,
      { after: 'complaint' },
    );
    const notice = route.officeId
      ? this.outbox.insertSql(
          p,
          [
            {
              topic: 'complaint.received',
              payload: {
                to: { office: { id: route.officeId, roles: ['officer', 'supervisor'] } },
                title: { zh: `新工单 ${trackingNo}`, en: `New complaint ${trackingNo}` },
                body: {
                  zh: `${COMPLAINT_CATEGORIES.find((x) => x.code === c.category)?.zh ?? c.category}：${c.respondentName ?? '（未填被投诉方）'}`,
                  en: `${c.category}: ${c.respondentName ?? '(respondent not given)'}`,
                },
                link: `/complaints/${id}`,
                data: {
                  complaintId: id,
                  trackingNo,
                  officeId: route.officeId,
                  regionCode: c.regionCode,
                  category: c.category,
                },
              },
            },
          ],
          'complaint',
        )
      : null;
    const written = await preparedQuery(
      this.txHost.tx,
      `WITH complaint AS (
         INSERT INTO complaints (${COLUMNS.join(', ')})
         SELECT ${row.join(', ')}
          WHERE ${CALENDAR_STAMP_SQL} = $1 AND ${ROUTING_STAMP_SQL} = $2
         RETURNING id),
       ${audit.sql}${notice ? `,\n         notice AS (${notice})` : ''}
       SELECT id FROM complaint`,
      params,
    );
    if (written.length === 0) return null;
    // The view from what is in hand: re-reading the row with its joins cost a fifth of the request.
    return {
      id,
      trackingNo,
      channel: c.channel,
      category: c.category,
      state: 'received',
      anonymous: c.anonymous,
      confidential: c.confidential,
      complainantName: c.complainantName,
      complainantPhone: c.complainantPhone,
      complainantIdNumber: c.complainantIdNumber,
      complainantUscc: c.complainantUscc,
      complainantOrg: c.complainantOrg,
      complainantEmail: c.complainantEmail,
      respondentName: c.respondentName,
      respondentUscc: c.respondentUscc,
      respondentAddress: c.respondentAddress,
      respondentShop: c.respondentShop,
      respondentPlatform: c.respondentPlatform,
      respondentUrl: c.respondentUrl,
      ipType: c.ipType,
      rightNumber: c.rightNumber,
      regionCode: c.regionCode,
      regionName: c.regionCode ? routing.regionName(c.regionCode) : null,
      description: c.description,
      officeId: route.officeId,
      officeName: route.officeName,
      suggestedOfficeId: route.suggestedId,
      receivedAt: now.toISOString(),
      ruleId: rule?.id ?? null,
      dueAt: due?.dueAt?.toISOString() ?? null,
      dueDate: due?.due ?? null,
      answer: null,
      refusalGround: null,
      decisionReason: null,
      decidedAt: null,
      caseId: null,
      caseNumber: null,
      mergedInto: null,
      noticeDueAt: null,
      notifiedAt: null,
      noticeChannel: null,
      closedAt: null,
      satisfaction: null,
      callbackComment: null,
      callbackAt: null,
      callbackAttempts: 0,
      sourceSystem: origin.sourceSystem ?? null,
      externalRef: origin.externalRef ?? null,
      version: 1,
    };
  }
}

interface Route {
  officeId: string | null;
  officeName: string | null;
  suggestedId: string | null;
  /** A region or office the snapshot does not know was asked for. */
  missed: boolean;
}

/**
 * Where the complaint goes: the office the operator chose (active), else the competent office for its IP type up
 * the region's chain, else — without one (a consultation) — the centre that took the call. Unknown regions and
 * offices are added to `v`.
 */
function routeOf(
  routing: RoutingSnapshot,
  actor: Actor | null,
  input: ComplaintInput,
  regionCode: string | null,
  ipType: string | null,
  v: FieldViolation[],
): Route {
  let missed = false;
  const region = regionCode && validateRegionCode(regionCode).ok ? regionCode : null;
  if (regionCode && /^\d{6}$/.test(regionCode) && (!region || routing.regionName(region) === null)) {
    v.push(fieldError('regionCode', `Unknown region ${regionCode}`, '行政区划代码不存在'));
    missed = true;
  }
  const chosen = isUuid(input.officeId) ? routing.office(input.officeId) : null;
  const picked = chosen?.active ? chosen : null;
  if (input.officeId != null && !picked) {
    v.push(fieldError('officeId', 'Unknown or inactive office', '承办机关不存在或已停用'));
    missed = true;
  }
  const competence = ipType ? (ipTypeDef(ipType)?.competence ?? null) : null;
  const suggested = region && competence ? routing.competentOffice(region, competence) : null;
  const own = actor?.officeId ? routing.office(actor.officeId) : null;
  const office = picked ?? suggested ?? own;
  return {
    officeId: office?.id ?? actor?.officeId ?? null,
    officeName: office?.name ?? null,
    suggestedId: suggested?.id ?? null,
    missed,
  };
}
