import { Form, Input, Select } from 'antd';
import { complaintsApi, type ComplaintNoticeRequest } from '../../api/complaints';
import { useT } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { useComplaintCatalog } from '../../lib/use-complaint-catalog';
import { CommandModal, type CommandProps } from './command-modal';

interface Values {
  channel?: string;
  note?: string;
}

/** 登记告知: the complainant was told the outcome by hand (no automatic SMS or e-mail reached them). */
export function NoticeDialog(props: CommandProps) {
  const t = useT();
  const { options } = useComplaintCatalog();
  const [form] = Form.useForm<Values>();
  const { detail } = props;

  return (
    <CommandModal<Values>
      {...props}
      title={t('complaints.notice.title')}
      name="complaint-notice"
      form={form}
      intro={
        detail.noticeDueAt
          ? t('complaints.notice.intro', { due: formatDateTime(detail.noticeDueAt) })
          : undefined
      }
      send={(v) =>
        complaintsApi.notice(detail.id, {
          version: detail.version,
          channel: (v.channel ?? '') as ComplaintNoticeRequest['channel'],
          note: v.note?.trim() || undefined,
        })
      }
      doneText={t('complaints.notice.done')}
    >
      <Form.Item
        label={t('complaints.notice.channel')}
        name="channel"
        rules={[
          { required: true, message: t('common.selectRequired', { field: t('complaints.notice.channel') }) },
        ]}
      >
        <Select options={options('noticeChannels')} />
      </Form.Item>
      <Form.Item label={t('complaints.notice.note')} name="note">
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
    </CommandModal>
  );
}
