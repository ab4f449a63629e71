import { App, Checkbox, Form, Input, Typography } from 'antd';
import { creditApi } from '../../api/credit';
import type { ApiError } from '../../api/http';
import type { ListingDetail, RepairCondition } from '../../api/types';
import { useLang, useT } from '../../i18n';
import { bilingual } from '../../lib/use-catalog';
import { CreditFormModal } from './credit-form-modal';
import { useCreditCatalog } from './use-credit-catalog';

interface Values {
  applicant?: string;
  conditions?: RepairCondition[];
  explanation?: string;
}

interface Props {
  detail: ListingDetail;
  open: boolean;
  onClose: () => void;
  onDone: (updated: ListingDetail) => void;
  onConflict: (error: ApiError) => void;
}

/**
 * 信用修复申请: the subject applies for early removal; the office records who applied, that every condition of early
 * removal is met (all four, or none is accepted) and how. A head then approves or refuses it.
 */
export function RepairDialog({ detail, open, onClose, onDone, onConflict }: Props) {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const { catalog } = useCreditCatalog();
  const [form] = Form.useForm<Values>();
  const conditions = catalog?.repairConditions ?? [];
  const materials = (catalog?.repairMaterials ?? []).map((m) => bilingual(m, lang));

  const send = async (v: Values) => {
    const updated = await creditApi.applyRepair(detail.id, {
      version: detail.version,
      applicant: v.applicant?.trim() ?? '',
      conditions: v.conditions ?? [],
      explanation: v.explanation?.trim() ?? '',
    });
    message.success(t('credit.repair.done'));
    onDone(updated);
  };

  return (
    <CreditFormModal<Values>
      open={open}
      title={t('credit.repair.title')}
      intro={t('credit.repair.intro', { from: detail.repairFrom ?? '—' })}
      form={form}
      name={`listing-repair-${detail.id}`}
      okText={t('credit.repair.submit')}
      initialValues={{ applicant: detail.subject.name }}
      send={send}
      onClose={onClose}
      onConflict={onConflict}
    >
      <Form.Item
        label={t('credit.repair.applicant')}
        name="applicant"
        rules={[
          {
            required: true,
            whitespace: true,
            message: t('common.required', { field: t('credit.repair.applicant') }),
          },
        ]}
      >
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item
        label={t('credit.repair.conditions')}
        name="conditions"
        extra={t('credit.repair.conditionsHint')}
        rules={[
          {
            validator: (_, value: string[] | undefined) =>
              conditions.every((c) => value?.includes(c.code))
                ? Promise.resolve()
                : Promise.reject(new Error(t('credit.repair.conditionsAll'))),
          },
        ]}
      >
        <Checkbox.Group className="credit-conditions">
          {conditions.map((c) => (
            <Checkbox key={c.code} value={c.code}>
              {bilingual(c, lang)}
            </Checkbox>
          ))}
        </Checkbox.Group>
      </Form.Item>
      <Form.Item
        label={t('credit.repair.explanation')}
        name="explanation"
        rules={[
          {
            required: true,
            whitespace: true,
            message: t('common.required', { field: t('credit.repair.explanation') }),
          },
        ]}
      >
        <Input.TextArea rows={4} maxLength={5000} showCount />
      </Form.Item>
      {materials.length ? (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('credit.repair.materials', { list: materials.join(t('credit.papers.separator')) })}
        </Typography.Paragraph>
      ) : null}
    </CreditFormModal>
  );
}
