import { Button, Space, Tag } from 'antd';
import type { Publication, PublicationActionOption } from '../../api/types';
import { DueCell } from '../../components/deadline-badge';
import { useLang, useT } from '../../i18n';
import { dueDate } from '../../lib/case-format';
import { bilingual } from '../../lib/use-catalog';

/** Steps that take the decision down: danger buttons, last. */
const EXITS: readonly string[] = ['withdraw', 'stop'];

/** The steps the server says the reader may take now, publish first; `label` names the row for a screen reader. */
export function PublicationActionButtons({
  publication: p,
  onAct,
  size,
  label,
}: {
  publication: Publication;
  onAct: (action: PublicationActionOption) => void;
  size?: 'small' | 'middle';
  /** said after each button's name (the decision number, in a list of many) */
  label?: string;
}) {
  const { lang } = useLang();
  const actions = [...p.actions].sort(
    (a, b) => Number(EXITS.includes(a.action)) - Number(EXITS.includes(b.action)),
  );
  return (
    <Space size={4} wrap>
      {actions.map((a) => (
        <Button
          key={a.action}
          size={size}
          type={EXITS.includes(a.action) ? 'default' : 'primary'}
          danger={EXITS.includes(a.action)}
          data-action={a.action}
          onClick={(e) => {
            e.stopPropagation();
            onAct(a);
          }}
        >
          {bilingual(a.label, lang) || a.action}
          {label ? <span className="sr-only">：{label}</span> : null}
        </Button>
      ))}
    </Space>
  );
}

/**
 * The date that matters now: the deadline to publish (overdue in red, as the server says), the publication
 * period, or why it ended.
 */
export function PublicationDates({
  publication: p,
  labelled = true,
}: {
  publication: Publication;
  /** says what the date is (in a table's cell; a description list names it itself) */
  labelled?: boolean;
}) {
  const t = useT();
  if (p.state === 'pending') {
    return (
      <div>
        {labelled ? <div className="muted">{t('credit.publication.dueAt')}</div> : null}
        {p.overdue ? (
          <span className="due-cell">
            <time dateTime={p.dueAt}>{dueDate(p.dueAt)}</time>
            <Tag color="red" data-testid="publication-overdue">
              {t('credit.publication.overdue')}
            </Tag>
          </span>
        ) : (
          <DueCell dueAt={p.dueAt} />
        )}
      </div>
    );
  }
  return (
    <div>
      {p.publishFrom ? (
        <div>{t('credit.field.periodText', { from: p.publishFrom, until: p.publishUntil ?? '' })}</div>
      ) : null}
      {p.withdrawDueAt ? (
        <div data-testid="publication-withdraw-due">
          <div className="muted">{t('credit.publication.withdrawDueAt')}</div>
          <DueCell dueAt={p.withdrawDueAt} />
        </div>
      ) : null}
      {p.endReason ? <div className="muted">{p.endReason}</div> : null}
      {!p.publishFrom && !p.endReason ? <span className="muted">{t('common.none')}</span> : null}
    </div>
  );
}
