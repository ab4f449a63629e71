import { Form, Input, Radio, Rate } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { complaintsApi, type ComplainantPersonalData } from '../../api/complaints';
import { ProblemAlert } from '../../components/problem-alert';
import { useT } from '../../i18n';
import { useComplaintCatalog } from '../../lib/use-complaint-catalog';
import { CommandModal, type CommandProps } from './command-modal';

interface Values {
  reached?: boolean;
  satisfaction?: number;
  comment?: string;
}

interface CallbackProps extends CommandProps {
  /** the full phone, when the page already revealed it */
  knownPhone?: string | null;
  /** the audited reveal, for roles that may make it (the page's 显示) */
  reveal?: () => Promise<ComplainantPersonalData>;
}

/**
 * 回访: after closure the operator calls the complainant back. Reached: satisfaction 1–5 (required) and a comment;
 * not reached: the attempt is counted and the complaint stays on the callback list. Views mask the phone (issue 9):
 * opening the dialog to call is the reason to see it, so the dialog asks for it once (an audited reveal) unless the
 * page already has it.
 */
export function CallbackDialog({ knownPhone, reveal, ...props }: CallbackProps) {
  const t = useT();
  const { label } = useComplaintCatalog();
  const [form] = Form.useForm<Values>();
  const reached = Form.useWatch('reached', form);
  const { detail } = props;
  const tooltips = [1, 2, 3, 4, 5].map((n) => label('satisfaction', n));
  const [phone, setPhone] = useState<string | null>(knownPhone ?? null);
  const [revealError, setRevealError] = useState<unknown>(null);
  const asked = useRef(false);
  useEffect(() => {
    if (phone || !reveal || !detail.complainantPhone || asked.current) return;
    asked.current = true; // once per dialog: each reveal is an audited access
    reveal().then(
      (data) => setPhone(data.complainantPhone),
      (err: unknown) => setRevealError(err),
    );
  }, [phone, reveal, detail.complainantPhone]);
  const intro = !detail.complainantPhone
    ? undefined
    : phone
      ? t('complaints.callback.intro', { phone })
      : reveal && !revealError
        ? t('personalData.callbackPhone')
        : t('personalData.callbackHidden', { phone: detail.complainantPhone });

  return (
    <CommandModal<Values>
      {...props}
      title={t('complaints.callback.title')}
      name="complaint-callback"
      form={form}
      intro={
        intro || revealError ? (
          <>
            {intro ? <span className="callback-phone">{intro}</span> : null}
            {revealError ? <ProblemAlert error={revealError} /> : null}
          </>
        ) : undefined
      }
      send={(v) =>
        complaintsApi.callback(detail.id, {
          version: detail.version,
          reached: !!v.reached,
          satisfaction: v.reached ? v.satisfaction : undefined,
          comment: v.comment?.trim() || undefined,
        })
      }
      doneText={t('complaints.callback.done')}
    >
      <Form.Item
        label={t('complaints.callback.reached')}
        name="reached"
        rules={[
          {
            required: true,
            message: t('common.selectRequired', { field: t('complaints.callback.reached') }),
          },
        ]}
      >
        <Radio.Group
          options={[
            { value: true, label: t('complaints.callback.reachedYes') },
            { value: false, label: t('complaints.callback.reachedNo') },
          ]}
        />
      </Form.Item>
      {reached ? (
        <Form.Item
          label={t('complaints.callback.satisfaction')}
          name="satisfaction"
          rules={[
            {
              required: true,
              message: t('common.selectRequired', { field: t('complaints.callback.satisfaction') }),
            },
          ]}
        >
          <Rate count={5} tooltips={tooltips} aria-label={t('complaints.callback.satisfaction')} />
        </Form.Item>
      ) : null}
      <Form.Item label={t('complaints.callback.comment')} name="comment">
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
    </CommandModal>
  );
}
