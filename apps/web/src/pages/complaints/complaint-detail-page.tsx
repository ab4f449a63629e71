import {
  Alert,
  Button,
  Card,
  Descriptions,
  Rate,
  Space,
  Tag,
  Typography,
  type DescriptionsProps,
} from 'antd';
import { useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { ApiError } from '../../api/http';
import {
  complaintsApi,
  type ComplainantPersonalData,
  type ComplaintDetail,
  type ComplaintTransition,
} from '../../api/complaints';
import { referralsApi } from '../../api/referrals';
import {
  COMPLAINT_REFERRAL_STATES,
  type ComplaintReferralKind,
  type ReferralSummary,
  type Role,
} from '../../api/types';
import { useAuth } from '../../auth/auth-context';
import { ComplaintStateTag } from '../../components/complaint-state-tag';
import { DueCell } from '../../components/deadline-badge';
import { MaskedValue } from '../../components/masked-value';
import { ConflictAlert, DetailPending, useDetail } from '../../components/detail-page';
import { ReferralStateTag } from '../../components/referral-state-tag';
import { useLang, useT } from '../../i18n';
import { PageContainer } from '../../layout/page-container';
import { formatDateTime } from '../../lib/format';
import { useAsync } from '../../lib/use-async';
import { bilingual, useCatalog } from '../../lib/use-catalog';
import { availableTransitions, useComplaintCatalog } from '../../lib/use-complaint-catalog';
import { CallbackDialog } from './callback-dialog';
import { ComplaintActionDialog } from './complaint-action-dialog';
import { respondentOf } from './complaint-format';
import { ComplaintReferralDialog } from './complaint-referral-dialog';
import './complaints.css';
import { ConvertDialog } from './convert-dialog';
import { MergeDialog } from './merge-dialog';
import { NoticeDialog } from './notice-dialog';

/** Forward steps first (the first one available is the primary button); refusal last, as a danger button. */
const ORDER = ['accept', 'triage', 'answer', 'convert', 'close', 'merge', 'refuse'];
const EXITS = ['refuse'];
const FOLLOW_UP_ROLES: Role[] = ['operator', 'officer', 'supervisor'];
const REFERRAL_KINDS = Object.keys(COMPLAINT_REFERRAL_STATES) as ComplaintReferralKind[];

type Dialog =
  | { kind: 'action'; transition: ComplaintTransition }
  | { kind: 'convert' }
  | { kind: 'merge'; transition: ComplaintTransition }
  | { kind: 'callback' }
  | { kind: 'notice' }
  | { kind: 'refer' };

/** "—" for an empty value. */
function Val({ children }: { children: ReactNode }) {
  const t = useT();
  return children === null || children === undefined || children === '' ? (
    <span className="muted">{t('common.none')}</span>
  ) : (
    <>{children}</>
  );
}

/**
 * One complaint: what was reported (masked fields as the server sends them), where it stands, and the steps the
 * user may take now — built from the transition table of GET /complaints/catalog and the user's roles, with
 * dialogs asking what each step `requires` — plus conversion to a case, merging duplicates, the callback, the
 * recorded notice and 移送 (a transfer to the competent office or an assistance request, with the complaint's
 * referrals listed). While a transfer is open the sending office takes no decision; an office that sees the
 * complaint only through a referral reads it without any action. Every command answers with the fresh complaint;
 * a 409 reloads it and says why.
 */
export default function ComplaintDetailPage() {
  const { id = '' } = useParams();
  const t = useT();
  const { lang } = useLang();
  const { hasAnyRole, me } = useAuth();
  const { catalog, label } = useComplaintCatalog();
  const { label: caseLabel } = useCatalog();
  const { loaded, current, conflict, clearConflict, changed, conflicted } = useDetail(
    id,
    complaintsApi.detail,
  );
  const [dialog, setDialog] = useState<Dialog | null>(null);
  // the complainant's data in full, once an audited reveal gave it (for this complaint only)
  const [revealed, setRevealed] = useState<ComplainantPersonalData | null>(null);
  // read again whenever the complaint changed (a step may have been refused because of an open transfer)
  const referrals = useAsync((signal) => referralsApi.forComplaint(id, signal), [id, current?.version]);

  if (!current) {
    return (
      <DetailPending
        title={t('complaints.detail')}
        error={loaded.error}
        listPath="/complaints"
        listLabel={t('complaints.backToList')}
      />
    );
  }

  const c = current;
  const open = catalog?.states.find((s) => s.code === c.state)?.open ?? false;
  // an office reading the complaint only because it was referred to it takes no step on it
  const granted = !!c.grantedBy;
  // while a transfer is open (or came back unsettled) the sending office takes no decision on the complaint
  const transfer = referrals.data?.find((r) => r.kind === 'jurisdiction' && r.open);
  const transitions =
    granted || transfer
      ? []
      : availableTransitions(catalog, c, hasAnyRole)
          .filter((tr) => !tr.dedicated || tr.action === 'convert' || tr.action === 'merge')
          .sort((a, b) => rank(a.action) - rank(b.action));
  const primary = transitions.find((tr) => !EXITS.includes(tr.action) && tr.action !== 'merge');
  // officers of the handling office (or supervisors over it: the server checks) refer it while its state allows
  const mayRefer =
    !granted &&
    !!c.officeId &&
    (hasAnyRole(['supervisor']) || (hasAnyRole(['officer']) && me?.office.id === c.officeId));
  // 不得再自行移送: a complaint received by a transfer is not transferred on (nor twice at once)
  const received = referrals.data?.some(
    (r) => r.kind === 'jurisdiction' && r.state === 'closed' && r.to.id === c.officeId,
  );
  const referKinds = mayRefer
    ? REFERRAL_KINDS.filter(
        (k) =>
          COMPLAINT_REFERRAL_STATES[k].includes(c.state) && !(k === 'jurisdiction' && (transfer || received)),
      )
    : [];
  const mayFollowUp = !granted && hasAnyRole(FOLLOW_UP_ROLES);
  // the server calls back only closed complaints with a phone to call (not anonymous ones)
  const callbackDue =
    mayFollowUp && c.state === 'closed' && !c.callbackAt && !c.anonymous && !!c.complainantPhone;
  const noticeDue = mayFollowUp && !!c.noticeDueAt && !c.notifiedAt;
  // 显示: operators (they call back) and officers of the handling office; the server decides (and audits)
  const mayReveal =
    !granted && (hasAnyRole(['operator']) || (hasAnyRole(['officer']) && me?.office.id === c.officeId));
  const full = revealed?.complaintId === c.id ? revealed : null;
  const reveal = mayReveal
    ? async () => {
        const data = await complaintsApi.personalData(c.id);
        setRevealed(data);
        return data;
      }
    : undefined;

  const commandProps = {
    detail: c,
    open: true,
    onClose: () => setDialog(null),
    onDone: (updated: ComplaintDetail) => {
      setDialog(null);
      changed(updated);
    },
    onConflict: (error: ApiError) => {
      setDialog(null);
      conflicted(error);
    },
  };

  const buttons: ReactNode[] = transitions.map((tr) => (
    <Button
      key={tr.action}
      type={tr === primary ? 'primary' : 'default'}
      danger={EXITS.includes(tr.action)}
      onClick={() =>
        setDialog(
          tr.action === 'convert'
            ? { kind: 'convert' }
            : tr.action === 'merge'
              ? { kind: 'merge', transition: tr }
              : { kind: 'action', transition: tr },
        )
      }
    >
      {tr.action === 'merge' ? t('complaints.merge.button') : label('actions', tr.action)}
    </Button>
  ));
  if (referKinds.length) {
    // before the refusal, which stays last
    const exit = transitions.findIndex((tr) => EXITS.includes(tr.action));
    buttons.splice(
      exit < 0 ? buttons.length : exit,
      0,
      <Button key="refer" onClick={() => setDialog({ kind: 'refer' })}>
        {t('referrals.refer.button')}
      </Button>,
    );
  }
  if (noticeDue) {
    buttons.push(
      <Button
        key="notice"
        type={primary ? 'default' : 'primary'}
        onClick={() => setDialog({ kind: 'notice' })}
      >
        {t('complaints.notice.button')}
      </Button>,
    );
  }
  if (callbackDue) {
    buttons.push(
      <Button
        key="callback"
        type={primary || noticeDue ? 'default' : 'primary'}
        onClick={() => setDialog({ kind: 'callback' })}
      >
        {t('complaints.callback.button')}
      </Button>,
    );
  }

  const header: DescriptionsProps['items'] = [
    { key: 'category', label: t('complaints.col.category'), children: label('categories', c.category) },
    { key: 'channel', label: t('complaints.field.channel'), children: label('channels', c.channel) },
    { key: 'received', label: t('complaints.col.receivedAt'), children: formatDateTime(c.receivedAt) },
    {
      key: 'office',
      label: t('complaints.col.office'),
      children: <Val>{c.officeName ?? (c.officeId ? null : t('complaints.unrouted'))}</Val>,
    },
    {
      key: 'due',
      label: t('complaints.col.due'),
      children: open && c.dueAt ? <DueCell dueAt={c.dueAt} /> : <Val>{null}</Val>,
    },
    {
      key: 'rule',
      label: t('complaints.field.rule'),
      children: <Val>{label('acceptanceRules', c.ruleId)}</Val>,
    },
  ];

  const complainant: DescriptionsProps['items'] = [
    { key: 'name', label: t('complaints.field.complainantName'), children: <Val>{c.complainantName}</Val> },
    {
      key: 'phone',
      label: t('complaints.field.phone'),
      children: (
        <MaskedValue
          value={c.complainantPhone}
          full={full?.complainantPhone}
          field={t('complaints.field.phone')}
          onReveal={reveal}
        />
      ),
    },
    {
      key: 'email',
      label: t('complaints.field.email'),
      children: (
        <MaskedValue
          value={c.complainantEmail}
          full={full?.complainantEmail}
          field={t('complaints.field.email')}
          onReveal={reveal}
        />
      ),
    },
    { key: 'org', label: t('complaints.field.org'), children: <Val>{c.complainantOrg}</Val> },
    {
      key: 'id',
      label: t('complaints.field.idNumber'),
      children: (
        <MaskedValue
          value={c.complainantIdNumber}
          full={full?.complainantIdNumber}
          field={t('complaints.field.idNumber')}
          onReveal={reveal}
        />
      ),
    },
    { key: 'uscc', label: t('complaints.field.uscc'), children: <Val>{c.complainantUscc}</Val> },
  ];

  const respondent: DescriptionsProps['items'] = [
    { key: 'name', label: t('complaints.field.respondentName'), children: <Val>{c.respondentName}</Val> },
    { key: 'uscc', label: t('complaints.field.uscc'), children: <Val>{c.respondentUscc}</Val> },
    { key: 'address', label: t('complaints.field.address'), children: <Val>{c.respondentAddress}</Val> },
    { key: 'shop', label: t('complaints.field.shop'), children: <Val>{c.respondentShop}</Val> },
    { key: 'platform', label: t('complaints.field.platform'), children: <Val>{c.respondentPlatform}</Val> },
    {
      key: 'url',
      label: t('complaints.field.url'),
      children: (
        <Val>
          {c.respondentUrl ? <span style={{ wordBreak: 'break-all' }}>{c.respondentUrl}</span> : null}
        </Val>
      ),
    },
  ];

  const right: DescriptionsProps['items'] = [
    { key: 'ip', label: t('complaints.field.ipType'), children: <Val>{caseLabel('ipTypes', c.ipType)}</Val> },
    { key: 'no', label: t('complaints.field.rightNumber'), children: <Val>{c.rightNumber}</Val> },
    { key: 'region', label: t('complaints.col.region'), children: <Val>{c.regionName ?? c.regionCode}</Val> },
  ];

  const outcome: DescriptionsProps['items'] = [];
  const add = (key: string, labelText: string, value: ReactNode, when: unknown) => {
    if (when !== null && when !== undefined && when !== '')
      outcome.push({ key, label: labelText, children: value });
  };
  add('decidedAt', t('complaints.field.decidedAt'), formatDateTime(c.decidedAt), c.decidedAt);
  add(
    'ground',
    t('complaints.field.refusalGround'),
    label('refusalGrounds', c.refusalGround),
    c.refusalGround,
  );
  add(
    'reason',
    t('complaints.field.decisionReason'),
    <span className="pre-wrap">{c.decisionReason}</span>,
    c.decisionReason,
  );
  add(
    'answer',
    t('complaints.field.answer'),
    <span className="pre-wrap" data-testid="complaint-answer">
      {c.answer}
    </span>,
    c.answer,
  );
  add(
    'case',
    t('complaints.field.case'),
    <Link to={`/cases/${c.caseId}`} data-testid="complaint-case-link">
      {c.caseNumber ?? t('complaints.field.openCase')}
    </Link>,
    c.caseId,
  );
  add(
    'mergedInto',
    t('complaints.field.mergedInto'),
    c.mergedInto ? (
      <Link to={`/complaints/${c.mergedInto.id}`} className="mono" data-testid="complaint-merged-into">
        {c.mergedInto.trackingNo}
      </Link>
    ) : null,
    c.mergedInto,
  );
  add(
    'noticeDue',
    t('complaints.field.noticeDueAt'),
    <DueCell dueAt={c.noticeDueAt ?? null} />,
    !c.notifiedAt ? c.noticeDueAt : null,
  );
  add(
    'notified',
    t('complaints.field.notifiedAt'),
    `${formatDateTime(c.notifiedAt)}${c.noticeChannel ? `（${label('noticeChannels', c.noticeChannel)}）` : ''}`,
    c.notifiedAt,
  );
  add('closedAt', t('complaints.field.closedAt'), formatDateTime(c.closedAt), c.closedAt);
  add(
    'callback',
    t('complaints.field.callback'),
    <span>
      {formatDateTime(c.callbackAt)}
      {typeof c.satisfaction === 'number' ? (
        <span style={{ marginInlineStart: 12 }} data-testid="complaint-satisfaction">
          <Rate disabled value={c.satisfaction} count={5} style={{ fontSize: 14 }} />{' '}
          {label('satisfaction', c.satisfaction)}
        </span>
      ) : null}
      {c.callbackComment ? <div className="pre-wrap">{c.callbackComment}</div> : null}
    </span>,
    c.callbackAt,
  );
  add(
    'attempts',
    t('complaints.field.callbackAttempts'),
    t('complaints.callback.attempts', { count: c.callbackAttempts ?? 0 }),
    c.callbackAttempts ? c.callbackAttempts : null,
  );
  add(
    'source',
    t('complaints.field.source'),
    `${c.sourceSystem ?? ''}${c.externalRef ? ` · ${c.externalRef}` : ''}`,
    c.sourceSystem ?? c.externalRef,
  );

  return (
    <PageContainer
      title={c.trackingNo}
      current={c.trackingNo}
      extra={
        buttons.length ? (
          <Space wrap role="group" aria-label={t('complaints.actions')}>
            {buttons}
          </Space>
        ) : null
      }
    >
      <Card className="complaint-header">
        <div className="complaint-title-row">
          <Typography.Text strong className="case-title">
            {respondentOf(c) || label('categories', c.category)}
          </Typography.Text>
          <ComplaintStateTag state={c.state} label={label('states', c.state)} testId="complaint-state" />
          {c.anonymous ? <Tag>{t('complaints.flag.anonymous')}</Tag> : null}
          {c.confidential ? <Tag color="orange">{t('complaints.flag.confidential')}</Tag> : null}
        </div>
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} items={header} />
      </Card>

      <ConflictAlert conflict={conflict} staleText={t('complaints.stale')} onClose={clearConflict} />
      {granted ? (
        <Alert
          className="case-conflict"
          type="info"
          showIcon
          data-testid="complaint-granted"
          title={t('complaints.granted', { reason: c.grantedBy!.replace(/^referrals?\s+/, '') })}
        />
      ) : transfer ? (
        <Alert
          className="case-conflict"
          type="warning"
          showIcon
          data-testid="complaint-transfer-open"
          title={t('complaints.transferOpen', {
            no: transfer.referralNo,
            state: bilingual(transfer.stateLabel, lang),
          })}
        />
      ) : null}

      <div className="complaint-sections">
        <Card
          title={<h2 className="card-heading">{t('complaints.section.matter')}</h2>}
          className="complaint-full"
        >
          <p className="complaint-description" data-testid="complaint-description">
            {c.description}
          </p>
        </Card>
        {outcome.length || c.merged?.length ? (
          <Card
            title={<h2 className="card-heading">{t('complaints.section.outcome')}</h2>}
            className="complaint-full"
          >
            {outcome.length ? <Descriptions size="small" column={1} items={outcome} /> : null}
            {c.merged?.length ? (
              <>
                <Typography.Title level={3} className="section-title" style={{ marginTop: 12 }}>
                  {t('complaints.section.merged', { count: c.merged.length })}
                </Typography.Title>
                <ul className="plain-list" data-testid="complaint-merged">
                  {c.merged.map((m) => (
                    <li key={m.id}>
                      <Link to={`/complaints/${m.id}`} className="mono">
                        {m.trackingNo}
                      </Link>{' '}
                      <span className="muted">
                        {formatDateTime(m.receivedAt)}
                        {m.complainantName ? ` · ${m.complainantName}` : ''}
                      </span>
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </Card>
        ) : null}
        {referrals.data?.length ? (
          <Card
            title={<h2 className="card-heading">{t('complaints.section.referrals')}</h2>}
            className="complaint-full"
          >
            <ComplaintReferrals items={referrals.data} />
          </Card>
        ) : null}
        <Card title={<h2 className="card-heading">{t('complaints.section.complainant')}</h2>}>
          <Descriptions size="small" column={1} items={complainant} />
        </Card>
        <Card title={<h2 className="card-heading">{t('complaints.section.respondent')}</h2>}>
          <Descriptions size="small" column={1} items={respondent} />
        </Card>
        <Card title={<h2 className="card-heading">{t('complaints.section.right')}</h2>}>
          <Descriptions size="small" column={1} items={right} />
        </Card>
      </div>

      {dialog?.kind === 'action' ? (
        <ComplaintActionDialog {...commandProps} transition={dialog.transition} />
      ) : null}
      {dialog?.kind === 'convert' ? <ConvertDialog {...commandProps} /> : null}
      {dialog?.kind === 'merge' ? <MergeDialog {...commandProps} transition={dialog.transition} /> : null}
      {dialog?.kind === 'callback' ? (
        <CallbackDialog {...commandProps} knownPhone={full?.complainantPhone} reveal={reveal} />
      ) : null}
      {dialog?.kind === 'notice' ? <NoticeDialog {...commandProps} /> : null}
      {dialog?.kind === 'refer' ? (
        <ComplaintReferralDialog detail={c} kinds={referKinds} open onClose={() => setDialog(null)} />
      ) : null}
    </PageContainer>
  );
}

/** 移送记录: each referral of the complaint, one click from its page, with its state and (while open) due date. */
function ComplaintReferrals({ items }: { items: ReferralSummary[] }) {
  const { lang } = useLang();
  return (
    <ul className="plain-list" data-testid="complaint-referrals">
      {items.map((r) => (
        <li key={r.id}>
          <Space wrap size={8}>
            <Link to={`/referrals/${r.id}`} className="mono">
              {r.referralNo}
            </Link>
            <span>{bilingual(r.kindLabel, lang)}</span>
            <ReferralStateTag state={r.state} label={r.stateLabel} />
            <span>
              {r.from.name} → {r.to.name}
            </span>
            {r.open && r.dueAt ? <DueCell dueAt={r.dueAt} /> : null}
            <span className="muted">{formatDateTime(r.createdAt)}</span>
          </Space>
        </li>
      ))}
    </ul>
  );
}

function rank(action: string): number {
  const i = ORDER.indexOf(action);
  return i < 0 ? 100 : i;
}
