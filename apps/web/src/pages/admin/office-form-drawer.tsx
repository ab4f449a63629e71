import { App, Checkbox, Form, Input, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { officesApi } from '../../api/endpoints';
import { isApiError } from '../../api/http';
import { COMPETENCES, type Competence, type Office } from '../../api/types';
import { FormDrawer } from '../../components/form-drawer';
import { RegionCascader } from '../../components/region-cascader';
import { useT } from '../../i18n';
import { groupLabel } from '../../lib/a11y';
import { applyProblemToForm, type FormProblem } from '../../lib/form-errors';

interface Values {
  name: string;
  shortName: string;
  regionCode: string;
  competences: Competence[];
  active: boolean;
}

interface Props {
  open: boolean;
  office: Office | null;
  onClose: () => void;
  onSaved: (office: Office) => void;
  onStale: () => void;
}

export function OfficeFormDrawer({ open, office, onClose, onSaved, onStale }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const creating = office === null;

  useEffect(() => {
    if (!open) return;
    setProblem(null);
    form.resetFields();
    form.setFieldsValue(
      office
        ? {
            name: office.name,
            shortName: office.shortName,
            regionCode: office.regionCode,
            competences: office.competences,
            active: office.active,
          }
        : { competences: [], active: true },
    );
  }, [open, office, form]);

  const submit = async (values: Values) => {
    setSaving(true);
    setProblem(null);
    const body = {
      name: values.name.trim(),
      shortName: values.shortName.trim(),
      regionCode: values.regionCode,
      competences: values.competences,
    };
    try {
      const saved = creating
        ? await officesApi.create(body)
        : await officesApi.update(office.id, { ...body, active: values.active, version: office.version });
      message.success(creating ? t('offices.created') : t('common.saved'));
      onSaved(saved);
    } catch (err) {
      setProblem(applyProblemToForm(form, err));
      if (isApiError(err) && err.status === 409) onStale();
    } finally {
      setSaving(false);
    }
  };

  return (
    <FormDrawer
      open={open}
      title={creating ? t('offices.create') : `${t('offices.edit')}：${office.name}`}
      size={520}
      saving={saving}
      problem={problem}
      onClose={onClose}
      onSave={() => form.submit()}
    >
      <Form<Values> form={form} layout="vertical" onFinish={submit} disabled={saving} name="office-form">
        <Form.Item
          label={t('offices.name')}
          name="name"
          rules={[
            { required: true, whitespace: true, message: t('common.required', { field: t('offices.name') }) },
          ]}
        >
          <Input autoComplete="off" autoFocus />
        </Form.Item>
        <Form.Item
          label={t('offices.shortName')}
          name="shortName"
          rules={[
            {
              required: true,
              whitespace: true,
              message: t('common.required', { field: t('offices.shortName') }),
            },
          ]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item
          label={t('offices.region')}
          name="regionCode"
          rules={[{ required: true, message: t('common.selectRequired', { field: t('offices.region') }) }]}
        >
          <RegionCascader />
        </Form.Item>
        <Form.Item
          label={t('offices.competences')}
          name="competences"
          // may be empty: a 12330 protection centre takes complaints but has no enforcement competence
        >
          <Checkbox.Group
            {...groupLabel(t('offices.competences'))}
            options={COMPETENCES.map((c) => ({ value: c, label: t(`competence.${c}`) }))}
          />
        </Form.Item>
        {creating ? null : (
          <Form.Item label={t('offices.active')} name="active" valuePropName="checked">
            <Switch />
          </Form.Item>
        )}
      </Form>
    </FormDrawer>
  );
}
