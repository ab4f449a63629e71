import { Alert, App, Form, Modal, Select } from 'antd';
import { casesApi } from '../../api/cases';
import type { ApiError } from '../../api/http';
import type { CaseDetail } from '../../api/types';
import { FormProblemAlert } from '../../components/form-problem-alert';
import { ProblemAlert } from '../../components/problem-alert';
import { useT } from '../../i18n';
import { useCatalog } from '../../lib/use-catalog';
import { useFormSubmit } from '../../lib/use-form-submit';
import { useOfficerCandidates } from './use-officer-candidates';

interface Values {
  officerIds: string[];
  leadId?: string;
}

interface Props {
  open: boolean;
  detail: CaseDetail;
  onClose: () => void;
  onSaved: (updated: CaseDetail) => void;
  onConflict: (error: ApiError) => void;
}

/** 调整办案人员: the officers of the case and its lead (PUT /cases/:id/officers). */
export function OfficersEditor({ open, detail, onClose, onSaved, onConflict }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const { catalog } = useCatalog();
  const [form] = Form.useForm<Values>();
  const { saving, problem, submit, clearProblem } = useFormSubmit(form);
  const candidates = useOfficerCandidates(open ? detail.officeId : undefined, detail.officers);
  const chosen = Form.useWatch('officerIds', form) ?? [];
  const procedure = catalog?.procedures.find((p) => p.code === detail.procedure);

  const save = (values: Values) =>
    submit(
      async () => {
        const updated = await casesApi.setOfficers(detail.id, {
          version: detail.version,
          officerIds: values.officerIds,
          leadId: values.leadId && values.officerIds.includes(values.leadId) ? values.leadId : undefined,
        });
        message.success(t('common.saved'));
        onSaved(updated);
      },
      { 409: onConflict },
    );

  return (
    <Modal
      open={open}
      title={t('cases.officers.edit')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={() => {
        clearProblem();
        onClose();
      }}
      destroyOnHidden
    >
      <ProblemAlert className="form-alert" error={candidates.error} />
      <Alert
        className="form-alert"
        type="info"
        showIcon
        title={
          procedure?.kind === 'adjudication'
            ? t('cases.req.panelRule')
            : t('cases.req.officersRule', { min: procedure?.minOfficers ?? 2 })
        }
      />
      <FormProblemAlert problem={problem} />
      <Form<Values>
        form={form}
        layout="vertical"
        name="case-officers"
        onFinish={save}
        disabled={saving}
        initialValues={{
          officerIds: detail.officers.map((o) => o.userId),
          leadId: detail.officers.find((o) => o.lead)?.userId,
        }}
      >
        <Form.Item label={t('cases.officers')} name="officerIds">
          <Select
            mode="multiple"
            options={candidates.options}
            loading={candidates.loading}
            optionFilterProp="label"
          />
        </Form.Item>
        <Form.Item label={t('cases.officers.lead')} name="leadId">
          <Select allowClear options={candidates.options.filter((o) => chosen.includes(o.value))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
