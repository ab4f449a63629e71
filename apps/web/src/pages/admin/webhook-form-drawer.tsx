import { App, Checkbox, Form, Input, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { isApiError } from '../../api/http';
import { TOPICS } from '../../api/topics';
import {
  webhooksApi,
  type WebhookEndpoint,
  type WebhookEndpointWithSecret,
  type CreateWebhookRequest,
} from '../../api/webhooks';
import { FormDrawer } from '../../components/form-drawer';
import { useLang, useT } from '../../i18n';
import { groupLabel } from '../../lib/a11y';
import { applyProblemToForm, type FormProblem } from '../../lib/form-errors';

interface Values {
  name: string;
  url: string;
  topics: string[];
  active: boolean;
}

interface Props {
  open: boolean;
  endpoint: WebhookEndpoint | null;
  onClose: () => void;
  /** After a create the endpoint carries its secret (shown once by the page). */
  onSaved: (endpoint: WebhookEndpoint | WebhookEndpointWithSecret) => void;
  onStale: () => void;
}

export function WebhookFormDrawer({ open, endpoint, onClose, onSaved, onStale }: Props) {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const creating = endpoint === null;

  useEffect(() => {
    if (!open) return;
    setProblem(null);
    form.resetFields();
    form.setFieldsValue(
      endpoint
        ? { name: endpoint.name, url: endpoint.url, topics: endpoint.topics, active: endpoint.active }
        : { topics: [], active: true },
    );
  }, [open, endpoint, form]);

  const submit = async (values: Values) => {
    setSaving(true);
    setProblem(null);
    // the checkboxes offer only known topics
    const topics = values.topics as CreateWebhookRequest['topics'];
    const body = { name: values.name.trim(), url: values.url.trim(), topics };
    try {
      const saved = creating
        ? await webhooksApi.create(body)
        : await webhooksApi.update(endpoint.id, {
            ...body,
            active: values.active,
            version: endpoint.version,
          });
      message.success(creating ? t('webhooks.created') : t('common.saved'));
      onSaved(saved);
    } catch (err) {
      setProblem(applyProblemToForm(form, err));
      if (isApiError(err) && err.status === 409) onStale();
    } finally {
      setSaving(false);
    }
  };

  // Topics the server has and this list does not still show (by code), so an edit does not drop them.
  const known = new Set(TOPICS.map((topic) => topic.name));
  const extra = (endpoint?.topics ?? []).filter((name) => !known.has(name));
  const options = [
    ...TOPICS.map((topic) => ({
      value: topic.name,
      label: (
        <span>
          {lang === 'en' ? topic.en : topic.zh} <span className="muted">{topic.name}</span>
        </span>
      ),
    })),
    ...extra.map((name) => ({ value: name, label: <span>{name}</span> })),
  ];

  return (
    <FormDrawer
      open={open}
      title={creating ? t('webhooks.create') : `${t('webhooks.edit')}：${endpoint.name}`}
      size={560}
      saving={saving}
      problem={problem}
      onClose={onClose}
      onSave={() => form.submit()}
    >
      <Form<Values> form={form} layout="vertical" onFinish={submit} disabled={saving} name="webhook-form">
        <Form.Item
          label={t('webhooks.name')}
          name="name"
          rules={[
            {
              required: true,
              whitespace: true,
              message: t('common.required', { field: t('webhooks.name') }),
            },
            { max: 100 },
          ]}
        >
          <Input autoComplete="off" autoFocus placeholder={t('webhooks.namePlaceholder')} />
        </Form.Item>
        <Form.Item
          label={t('webhooks.url')}
          name="url"
          rules={[
            { required: true, whitespace: true, message: t('common.required', { field: t('webhooks.url') }) },
            { pattern: /^\s*https?:\/\/[^\s/?#]+/i, message: t('webhooks.urlInvalid') },
          ]}
        >
          <Input
            autoComplete="off"
            inputMode="url"
            spellCheck={false}
            placeholder="https://partner.example.cn/ipe/webhook"
          />
        </Form.Item>
        <Form.Item
          label={t('webhooks.topics')}
          name="topics"
          rules={[{ required: true, type: 'array', min: 1, message: t('webhooks.topicsRequired') }]}
        >
          <Checkbox.Group
            {...groupLabel(t('webhooks.topics'))}
            style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
            options={options}
          />
        </Form.Item>
        {creating ? null : (
          <Form.Item label={t('webhooks.active')} name="active" valuePropName="checked">
            <Switch />
          </Form.Item>
        )}
      </Form>
    </FormDrawer>
  );
}
