import { App, Descriptions, Form, Input } from 'antd';
import { creditApi } from '../../api/credit';
import type { ApiError } from '../../api/http';
import type { Publication, PublicationActionOption, PublicationActionRequest } from '../../api/types';
import { useLang, useT, type MessageKey } from '../../i18n';
import { bilingual } from '../../lib/use-catalog';
import { CreditFormModal } from './credit-form-modal';

/** Named like the DTO's field, so the server's field error lands beside it. */
interface Values {
  reason?: string;
}

/** What each step does, said before it is taken. */
const INTROS: Record<string, MessageKey> = {
  publish: 'credit.publication.intro.publish',
  withdraw: 'credit.publication.intro.withdraw',
  stop: 'credit.publication.intro.stop',
};

/** What the reason of a step is called. */
const REASONS: Record<string, MessageKey> = {
  withdraw: 'credit.publication.reason.withdraw',
  stop: 'credit.publication.reason.stop',
};

interface Props {
  publication: Publication | null;
  /** the step to take; the dialog is open while this (and the publication) is set */
  action: PublicationActionOption | null;
  onClose: () => void;
  /** the step succeeded: the server's fresh publication */
  onDone: (updated: Publication) => void;
  /** 409: the publication changed meanwhile (STALE_VERSION) or the step no longer fits its state */
  onConflict: (error: ApiError) => void;
}

/**
 * One dialog for every step of a decision publication: what will be shown to the public (or taken down) and, for a
 * withdrawal or an early stop, the reason. Sends the version the page read.
 */
export function PublicationActionDialog({ publication: p, action, onClose, onDone, onConflict }: Props) {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const name = action ? bilingual(action.label, lang) || action.action : '';
  const intro = action && INTROS[action.action];
  const reasonLabel = t((action && REASONS[action.action]) ?? 'credit.field.reason');

  const send = async (v: Values) => {
    if (!p || !action) return;
    const body: PublicationActionRequest = { version: p.version };
    if (action.requiresReason) body.reason = v.reason?.trim();
    const updated = await creditApi.actOnPublication(p.id, action.action, body);
    message.success(t('credit.action.done', { action: name }));
    onDone(updated);
  };

  return (
    <CreditFormModal<Values>
      open={p !== null && action !== null}
      title={name}
      intro={intro && p ? t(intro, { months: p.periodMonths }) : undefined}
      form={form}
      name={`publication-${action?.action ?? 'action'}-${p?.id ?? ''}`}
      okText={t('credit.action.submit')}
      send={send}
      onClose={onClose}
      onConflict={onConflict}
    >
      {p ? (
        <Descriptions
          size="small"
          column={1}
          bordered
          className="credit-dialog-facts"
          data-testid="publication-summary"
          items={[
            { key: 'decision', label: t('credit.publication.decisionNo'), children: p.decisionNo },
            {
              key: 'party',
              label: t('credit.publication.party'),
              children: p.partyUscc ? `${p.partyName}（${p.partyUscc}）` : p.partyName,
            },
            { key: 'violation', label: t('credit.publication.violation'), children: p.violation },
            { key: 'penalty', label: t('credit.publication.penalty'), children: p.penalty },
          ]}
        />
      ) : null}
      {action?.requiresReason ? (
        <Form.Item
          label={reasonLabel}
          name="reason"
          rules={[
            { required: true, whitespace: true, message: t('common.required', { field: reasonLabel }) },
          ]}
        >
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
      ) : null}
    </CreditFormModal>
  );
}
