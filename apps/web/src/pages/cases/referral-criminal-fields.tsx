import { Form, Input, InputNumber, Radio, Select } from 'antd';
import type { CaseDetail } from '../../api/types';
import { useT } from '../../i18n';
import { useOfficerCandidates } from './use-officer-candidates';

/** 国务院令第310号 Art 5: the special team has at least two officers. */
const TEAM_MIN = 2;

/**
 * The facts a criminal transfer is reported with (国务院令第310号): the special team of the handling office, a
 * summary of the case, why a crime is reasonably suspected, the value involved (yuan here, fen on the wire) and
 * whether the administrative case is suspended or continues meanwhile.
 */
export function ReferralCriminalFields({ detail }: { detail: CaseDetail }) {
  const t = useT();
  const candidates = useOfficerCandidates(detail.officeId, detail.officers);
  const required = (field: string) => [
    { required: true, whitespace: true, message: t('common.required', { field }) },
  ];

  return (
    <>
      <Form.Item
        label={t('referrals.field.team')}
        name="teamUserIds"
        extra={t('referrals.field.teamHint', { min: TEAM_MIN })}
        rules={[
          {
            validator: (_, value?: string[]) =>
              (value?.length ?? 0) >= TEAM_MIN
                ? Promise.resolve()
                : Promise.reject(new Error(t('referrals.field.teamMin', { min: TEAM_MIN }))),
          },
        ]}
      >
        <Select
          mode="multiple"
          options={candidates.options}
          loading={candidates.loading}
          optionFilterProp="label"
        />
      </Form.Item>
      <Form.Item
        label={t('referrals.field.caseSummary')}
        name="caseSummary"
        rules={required(t('referrals.field.caseSummary'))}
      >
        <Input.TextArea rows={4} maxLength={5000} showCount />
      </Form.Item>
      <Form.Item
        label={t('referrals.field.suspicionBasis')}
        name="suspicionBasis"
        rules={required(t('referrals.field.suspicionBasis'))}
      >
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      <Form.Item label={t('referrals.field.valueInvolved')} name="valueInvolvedFen">
        <InputNumber<number>
          min={0}
          precision={2}
          step={1000}
          suffix={t('cases.yuan')}
          style={{ width: 240 }}
        />
      </Form.Item>
      <Form.Item
        label={t('referrals.field.caseHandling')}
        name="caseHandling"
        rules={[
          {
            required: true,
            message: t('common.selectRequired', { field: t('referrals.field.caseHandling') }),
          },
        ]}
      >
        <Radio.Group
          options={[
            { value: 'suspend', label: t('referrals.handling.suspend') },
            { value: 'continue', label: t('referrals.handling.continue') },
          ]}
        />
      </Form.Item>
    </>
  );
}
