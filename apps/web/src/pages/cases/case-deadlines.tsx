import { QuestionCircleOutlined, WarningOutlined } from '@ant-design/icons';
import { Button, Descriptions, Popover, Tag, Typography } from 'antd';
import type { CaseDeadline } from '../../api/types';
import { DeadlineBadge } from '../../components/deadline-badge';
import { useLang, useT, type TFunction } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { bilingual, useCatalog } from '../../lib/use-catalog';

function warningText(code: string, t: TFunction): string {
  return code === 'CALENDAR_NO_DATA' ? t('cases.deadline.calendarNoData') : code;
}

/** "为什么是这一天？": the rule behind a due date — start, period, legal source, pauses and extensions. */
export function DeadlineWhy({ deadline }: { deadline: CaseDeadline }) {
  const t = useT();
  const { lang } = useLang();
  const { label } = useCatalog();
  const unit = (u: CaseDeadline['unit']) => t(`cases.unit.${u}`);
  const name = bilingual(deadline.label, lang);
  const content = (
    <Descriptions
      size="small"
      column={1}
      style={{ maxWidth: 420 }}
      items={[
        {
          key: 'from',
          label: t('cases.why.from'),
          children: `${bilingual(deadline.from, lang)}（${deadline.startDate}）`,
        },
        {
          key: 'period',
          label: t('cases.why.period'),
          children: `${deadline.amount} ${unit(deadline.unit)}`,
        },
        {
          key: 'source',
          label: t('cases.why.source'),
          children: (
            <span>
              {deadline.source.law}
              {deadline.source.article}
              <Tag style={{ marginInlineStart: 6 }}>
                {t(`cases.confidence.${deadline.source.confidence}`)}
              </Tag>
            </span>
          ),
        },
        {
          key: 'paused',
          label: t('cases.why.paused'),
          children: deadline.suspendedSince
            ? t('cases.why.pausedSince', { date: deadline.suspendedSince, days: deadline.pausedDays })
            : deadline.pausedDays
              ? t('cases.why.pausedDays', { days: deadline.pausedDays })
              : t('cases.why.notPaused'),
        },
        {
          key: 'extensions',
          label: t('cases.why.extensions'),
          children: deadline.extensions.length ? (
            <ul className="plain-list">
              {deadline.extensions.map((e, i) => (
                <li key={i}>
                  {t('cases.why.extension', {
                    level: label('approverLevels', e.level),
                    amount: e.amount,
                    unit: unit(e.unit),
                    by: e.approvedBy,
                    on: e.approvedOn,
                  })}
                  {e.reason ? `：${e.reason}` : ''}
                </li>
              ))}
            </ul>
          ) : (
            t('cases.why.noExtensions')
          ),
        },
        {
          key: 'due',
          label: t('cases.why.due'),
          children: deadline.dueAt ? formatDateTime(deadline.dueAt) : t('cases.deadline.noDue'),
        },
        ...deadline.warnings.map((w) => ({
          key: `w-${w}`,
          label: t('cases.why.warning'),
          children: warningText(w, t),
        })),
      ]}
    />
  );
  return (
    <Popover trigger="click" title={name} content={content}>
      <Button type="link" size="small" icon={<QuestionCircleOutlined aria-hidden />}>
        {t('cases.why.button')}
        <span className="sr-only">（{name}）</span>
      </Button>
    </Popover>
  );
}

/** The running time limits of the case, for the header: each with its due date, days left and the reason why. */
export function CaseDeadlines({ deadlines }: { deadlines: CaseDeadline[] }) {
  const t = useT();
  const { lang } = useLang();
  const open = deadlines.filter((d) => d.status === 'open');
  if (!open.length) {
    return <Typography.Text type="secondary">{t('cases.deadlines.none')}</Typography.Text>;
  }
  return (
    <ul className="deadline-list" aria-label={t('cases.deadlines')} data-testid="case-deadlines">
      {open.map((d) => (
        <li key={d.id}>
          <span className="deadline-name">{bilingual(d.label, lang)}</span>
          {d.actor === 'party' ? <Tag>{t('cases.deadline.partyWindow')}</Tag> : null}
          <span>
            {d.dueDate ? t('cases.deadline.dueOn', { date: d.dueDate }) : t('cases.deadline.noDue')}
          </span>
          <DeadlineBadge deadline={d} />
          {d.warnings.length ? (
            <Tag color="gold" icon={<WarningOutlined aria-hidden />}>
              {d.warnings.map((w) => warningText(w, t)).join('；')}
            </Tag>
          ) : null}
          <DeadlineWhy deadline={d} />
        </li>
      ))}
    </ul>
  );
}
