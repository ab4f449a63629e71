import { Alert, App, Form, Modal, Select } from 'antd';
import { useState } from 'react';
import { casesApi } from '../../api/cases';
import { isApiError, type ApiError } from '../../api/http';
import type { CaseDetail } from '../../api/types';
import { ProblemAlert } from '../../components/problem-alert';
import { useT } from '../../i18n';
import { applyProblemToForm, type FormProblem } from '../../lib/form-errors';
import { useCatalog } from '../../lib/use-catalog';
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
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const candidates = useOfficerCandidates(open ? detail.officeId : undefined, detail.officers);
  const chosen = Form.useWatch('officerIds', form) ?? [];
  const procedure = catalog?.procedures.find((p) => p.code === detail.procedure);

  const submit = async (values: Values) => {
    setSaving(true);
    setProblem(null);
    try {
      const updated = await casesApi.setOfficers(detail.id, {
        version: detail.version,
        officerIds: values.officerIds,
        leadId: values.leadId && values.officerIds.includes(values.leadId) ? values.leadId : undefined,
      });
      message.success(t('common.saved'));
      onSaved(updated);
    } catch (err) {
      if (isApiError(err) && err.status === 409) onConflict(err);
      else setProblem(applyProblemToForm(form, err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('cases.officers.edit')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={() => {
        setProblem(null);
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
      {problem ? (
        <ProblemAlert
          className="form-alert"
          error={problem.problem}
          unmatched={problem.unmatched}
          mappedAny={problem.mappedAny}
        />
      ) : null}
      <Form<Values>
        form={form}
        layout="vertical"
        name="case-officers"
        onFinish={submit}
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
