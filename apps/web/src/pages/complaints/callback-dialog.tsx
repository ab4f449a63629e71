import { Form, Input, Radio, Rate } from 'antd';
import { complaintsApi } from '../../api/complaints';
import { useT } from '../../i18n';
import { useComplaintCatalog } from '../../lib/use-complaint-catalog';
import { CommandModal, type CommandProps } from './command-modal';

interface Values {
  reached?: boolean;
  satisfaction?: number;
  comment?: string;
}

/**
 * 回访: after closure the operator calls the complainant back. Reached: satisfaction 1–5 (required) and a comment;
 * not reached: the attempt is counted and the complaint stays on the callback list.
 */
export function CallbackDialog(props: CommandProps) {
  const t = useT();
  const { label } = useComplaintCatalog();
  const [form] = Form.useForm<Values>();
  const reached = Form.useWatch('reached', form);
  const { detail } = props;
  const tooltips = [1, 2, 3, 4, 5].map((n) => label('satisfaction', n));

  return (
    <CommandModal<Values>
      {...props}
      title={t('complaints.callback.title')}
      name="complaint-callback"
      form={form}
      intro={
        detail.complainantPhone
          ? t('complaints.callback.intro', { phone: detail.complainantPhone })
          : undefined
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
