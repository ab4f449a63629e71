import { AuditWriter } from '@app/audit';
import { SYSTEM_ACTOR, type Actor } from '@app/contracts';
import {
  boundedText,
  DomainError,
  failValidation,
  fieldViolation,
  IP_TYPE_CODES,
  ipTypeDef,
  isUuid,
  referralStart,
  type FieldViolation,
  type ReferralKind,
} from '@app/domain';
import { pgConstraint } from '@app/database';
import { verifyWebhookSignature } from '@app/notifications';
import { OutboxWriter } from '@app/outbox';
import { TransactionHost, Transactional } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { REFERRAL_NO_SQL, ReferralService } from './referral.service';
import type { ReferralDetail } from './referral-views';

/** Kinds a partner system may send in (criminal transfers go to the police, not to us). */
export const INBOUND_KINDS: ReferralKind[] = ['jurisdiction', 'assistance', 'joint'];
/** How far a partner's timestamp may be from our clock (seconds): older signed requests are replays. */
export const PARTNER_TOLERANCE_SECONDS = 300;

export interface PartnerView {
  id: string;
  name: string;
  officeId: string;
  officeName: string;
  active: boolean;
  createdAt: string;
}

export interface SignedRequest {
  timestamp: string | undefined;
  signature: string | undefined;
  idempotencyKey: string | undefined;
  raw: Buffer | undefined;
}

const fail = (errors: FieldViolation[]): never => failValidation(errors, 'The referral is invalid');
const field = fieldViolation;
const str = boundedText;

/**
 * Partner systems (another region's case system, a platform): registered by an administrator with the office that
 * stands for them here and a shared secret; they send referrals in signed like our own webhooks (README
 * "Referrals": `x-ipe-timestamp`, `x-ipe-signature: sha256=HMAC(secret, timestamp + "." + body)`,
 * `idempotency-key`). A request older than 5 minutes, with a wrong signature or an unknown partner is refused with
 * one 401; the same idempotency key again returns the referral it created (200), with another body a 409.
 */
@Injectable()
export class PartnerService {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly referrals: ReferralService,
    private readonly audit: AuditWriter,
    private readonly outbox: OutboxWriter,
  ) {}

  private q<T>(sql: string, params: unknown[] = []): Promise<T> {
    return this.txHost.tx.query(sql, params) as Promise<T>;
  }

  async list(): Promise<PartnerView[]> {
    const rows = await this.q<
      {
        id: string;
        name: string;
        office_id: string;
        office_name: string;
        active: boolean;
        created_at: Date;
      }[]
    >(
      `SELECT p.id, p.name, p.office_id, o.name AS office_name, p.active, p.created_at
         FROM partner_systems p JOIN offices o ON o.id = p.office_id ORDER BY p.name`,
    );
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      officeId: r.office_id,
      officeName: r.office_name,
      active: r.active,
      createdAt: new Date(r.created_at).toISOString(),
    }));
  }

  /** Registers a partner; the secret is returned this once (store it on the partner's side). */
  @Transactional()
  async create(
    actor: Actor,
    input: { name: string; officeId: string },
  ): Promise<PartnerView & { secret: string }> {
    const name = str(input.name, 100);
    const errors: FieldViolation[] = [];
    if (!name)
      errors.push(
        field('name', 'Name the partner system (1–100 characters)', '请填写对接系统名称', 'REQUIRED'),
      );
    const office = isUuid(input.officeId)
      ? await this.q<{ id: string }[]>(`SELECT id FROM offices WHERE id = $1 AND active`, [input.officeId])
      : [];
    if (!office.length)
      errors.push(field('officeId', 'Choose the office the partner stands for', '请选择对接机关'));
    if (errors.length) fail(errors);
    const secret = randomBytes(32).toString('base64url');
    let id: string;
    try {
      [{ id }] = await this.q<{ id: string }[]>(
        `INSERT INTO partner_systems (name, office_id, secret) VALUES ($1, $2, $3) RETURNING id`,
        [name, input.officeId, secret],
      );
    } catch (e) {
      if (pgConstraint(e) === 'partner_systems_name_key') {
        throw new DomainError('CONFLICT', `A partner named ${name} exists already / 已有同名对接系统`);
      }
      throw e;
    }
    await this.audit.record(actor, {
      action: 'partner.created',
      entityType: 'partner',
      entityId: id,
      data: { name, officeId: input.officeId },
    });
    const view = (await this.list()).find((p) => p.id === id)!;
    return { ...view, secret };
  }

  @Transactional()
  async setActive(actor: Actor, id: string, active: boolean): Promise<PartnerView> {
    const rows = isUuid(id)
      ? await this.q<{ id: string }[]>(`UPDATE partner_systems SET active = $2 WHERE id = $1 RETURNING id`, [
          id,
          active,
        ])
      : [];
    if (!rows.length) throw new DomainError('NOT_FOUND', `Partner ${id} not found`);
    await this.audit.record(actor, {
      action: active ? 'partner.activated' : 'partner.deactivated',
      entityType: 'partner',
      entityId: id,
    });
    return (await this.list()).find((p) => p.id === id)!;
  }

  /**
   * A signed referral from a partner system. Returns the referral and whether it was created now (201) or by an
   * earlier request with the same idempotency key (200).
   */
  @Transactional()
  async receive(
    partnerId: string,
    req: SignedRequest,
    body: unknown,
  ): Promise<{ created: boolean; referral: ReferralDetail }> {
    const [partner] = isUuid(partnerId)
      ? await this.q<{ id: string; name: string; office_id: string; secret: string }[]>(
          `SELECT id, name, office_id, secret FROM partner_systems WHERE id = $1 AND active`,
          [partnerId],
        )
      : [];
    const signed =
      partner &&
      req.raw !== undefined &&
      verifyWebhookSignature(
        partner.secret,
        req.timestamp,
        req.raw,
        req.signature,
        PARTNER_TOLERANCE_SECONDS,
      );
    if (!partner || !signed) {
      throw new DomainError(
        'UNAUTHENTICATED',
        '签名无效、时间戳超出5分钟或对接系统未登记 / Unknown partner, wrong signature, or a timestamp more than 5 minutes off',
      );
    }
    const key = req.idempotencyKey?.trim();
    if (!key || key.length > 200) {
      fail([
        field(
          'idempotency-key',
          'Send an idempotency-key header (1–200 characters)',
          '请提供 idempotency-key 请求头',
          'REQUIRED',
        ),
      ]);
    }
    const digest = createHash('sha256').update(req.raw!).digest('hex');
    // Serialise the same key's requests (a retry racing the original), then look for an earlier one.
    await this.q(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`partner:${partner.id}:${key}`]);
    const [seen] = await this.q<{ referral_id: string; body_sha256: string }[]>(
      `SELECT referral_id, body_sha256 FROM partner_inbound WHERE partner_id = $1 AND idempotency_key = $2`,
      [partner.id, key],
    );
    const actor: Actor = {
      ...SYSTEM_ACTOR,
      username: `partner:${partner.name}`,
      displayName: partner.name,
      officeId: partner.office_id,
    };
    if (seen) {
      if (seen.body_sha256 !== digest) {
        throw new DomainError(
          'CONFLICT',
          '同一 idempotency-key 已用于不同内容的请求 / This idempotency key was used with a different body',
        );
      }
      return { created: false, referral: await this.referrals.get(SYSTEM_ACTOR, seen.referral_id) };
    }

    const b = (body ?? {}) as Record<string, unknown>;
    const c = (b.case ?? {}) as Record<string, unknown>;
    const errors: FieldViolation[] = [];
    const externalId = str(b.externalId, 100);
    if (!externalId)
      errors.push(
        field(
          'externalId',
          "Give the partner's own referral id (1–100)",
          '请提供对方系统的移送编号',
          'REQUIRED',
        ),
      );
    const kind = b.kind as ReferralKind;
    if (!INBOUND_KINDS.includes(kind)) {
      errors.push(field('kind', `kind must be one of ${INBOUND_KINDS.join(', ')}`, '移送类型无效'));
    }
    const reason = str(b.reason, 2000);
    if (!reason) errors.push(field('reason', 'Give the reason (1–2000)', '请填写移送理由', 'REQUIRED'));
    const legalBasis = b.legalBasis === undefined ? null : str(b.legalBasis, 2000);
    if (kind === 'jurisdiction' && !legalBasis) {
      errors.push(
        field(
          'legalBasis',
          'A jurisdiction transfer needs its legal basis',
          '移送管辖须写明法律依据',
          'REQUIRED',
        ),
      );
    }
    const request = b.request === undefined ? null : str(b.request, 2000);
    if ((kind === 'assistance' || kind === 'joint') && !request) {
      errors.push(field('request', 'Say what is asked', '请写明请求事项', 'REQUIRED'));
    }
    const title = str(c.title, 200);
    if (!title) errors.push(field('case.title', 'Give the case title (1–200)', '请填写案件名称', 'REQUIRED'));
    const ipType = c.ipType as string;
    if (!IP_TYPE_CODES.includes(ipType as (typeof IP_TYPE_CODES)[number])) {
      errors.push(
        field('case.ipType', `case.ipType must be one of ${IP_TYPE_CODES.join(', ')}`, '知识产权类型无效'),
      );
    }
    const caseNo = c.caseNo === undefined ? null : str(c.caseNo, 100);
    const summary = c.summary === undefined ? null : str(c.summary, 5000);
    const regionCode =
      c.regionCode === undefined
        ? null
        : typeof c.regionCode === 'string' && /^\d{6}$/.test(c.regionCode)
          ? c.regionCode
          : undefined;
    if (regionCode === undefined)
      errors.push(field('case.regionCode', 'A 6-digit region code', '行政区划代码应为6位数字'));
    const [target] = isUuid(b.toOfficeId)
      ? await this.q<{ id: string; name: string; competences: string[] }[]>(
          `SELECT id, name, competences FROM offices WHERE id = $1 AND active`,
          [b.toOfficeId],
        )
      : [];
    if (!target)
      errors.push(field('toOfficeId', 'Unknown or inactive receiving office', '接收机关不存在或已停用'));
    else if (target.id === partner.office_id)
      errors.push(field('toOfficeId', 'Not to the partner itself', '不能移送给对方本机关', 'SAME_OFFICE'));
    else {
      const needed = ipTypeDef(ipType)?.competence;
      if (needed && !target.competences.includes(needed)) {
        errors.push(
          field(
            'toOfficeId',
            `${target.name} has no ${needed} competence`,
            `${target.name}无该类案件管辖职能`,
            'NOT_COMPETENT',
          ),
        );
      }
    }
    if (errors.length) fail(errors);

    const start = referralStart(kind);
    const due = await this.referrals.clockDue(kind, start.clock, new Date());
    let id: string;
    try {
      [{ id }] = await this.q<{ id: string }[]>(
        `INSERT INTO referrals (referral_no, kind, state, external_case, from_office_id, to_office_id, reason, legal_basis,
                                request, sent_at, clock, rule_id, due_at, partner_id, external_id)
         VALUES (${REFERRAL_NO_SQL},
                 $1, $2, $3, $4, $5, $6, $7, $8, now(), $9, $10, $11, $12, $13)
         RETURNING id`,
        [
          kind,
          start.state,
          { title, caseNo, ipType, regionCode, summary },
          partner.office_id,
          target!.id,
          reason,
          legalBasis,
          request,
          due ? start.clock : null,
          due?.ruleId ?? null,
          due?.dueAt ?? null,
          partner.id,
          externalId,
        ],
      );
    } catch (e) {
      if (pgConstraint(e) === 'referrals_partner_id_external_id_key') {
        throw new DomainError(
          'CONFLICT',
          `对方编号 ${externalId} 的移送已接收（请使用原 idempotency-key） / Referral ${externalId} was received already under another idempotency key`,
        );
      }
      throw e;
    }
    await this.q(
      `INSERT INTO partner_inbound (partner_id, idempotency_key, body_sha256, referral_id) VALUES ($1, $2, $3, $4)`,
      [partner.id, key, digest, id],
    );
    await this.referrals.recordStep(
      id,
      'create',
      null,
      start.state,
      { userId: null, officeId: partner.office_id },
      reason,
    );
    await this.audit.record(actor, {
      action: 'referral.received_from_partner',
      entityType: 'referral',
      entityId: id,
      data: {
        partnerId: partner.id,
        externalId,
        idempotencyKey: key,
        bodySha256: digest,
        kind,
        toOfficeId: target!.id,
      },
    });
    const referral = await this.referrals.get(SYSTEM_ACTOR, id);
    await this.outbox.add({
      topic: 'case.referred',
      payload: {
        to: { office: { id: target!.id, roles: ['officer', 'supervisor'] } },
        title: {
          zh: `${partner.name}${referral.kindLabel.zh}：${title}`,
          en: `${referral.kindLabel.en} from ${partner.name}: ${title}`,
        },
        body: {
          zh: `移送编号 ${referral.referralNo}。理由：${reason}`,
          en: `Referral ${referral.referralNo}. Reason: ${reason}`,
        },
        link: `/referrals/${id}`,
        data: { referralId: id, referralNo: referral.referralNo, partnerId: partner.id, externalId },
      },
    });
    return { created: true, referral };
  }
}
