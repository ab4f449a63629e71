import { DownloadOutlined, SafetyCertificateOutlined, UploadOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  DatePicker,
  Form,
  Input,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { evidenceApi } from '../../api/cases';
import type { Evidence, EvidenceVerify } from '../../api/types';
import { useMe } from '../../auth/auth-context';
import { FormDrawer } from '../../components/form-drawer';
import { ProblemAlert } from '../../components/problem-alert';
import { useT } from '../../i18n';
import { formatBytes } from '../../lib/case-format';
import { applyProblemToForm, type FormProblem } from '../../lib/form-errors';
import { formatDateTime } from '../../lib/format';
import { useAsync } from '../../lib/use-async';
import { useCatalog } from '../../lib/use-catalog';
import { FileInput, fileProblem } from '../../components/file-input';

interface Props {
  caseId: string;
  canUpload: boolean;
  /** an upload went through (the case's evidence count and timeline changed) */
  onUploaded: () => void;
}

interface UploadValues {
  kind?: string;
  title: string;
  description?: string;
  collectedBy: string;
  collectedAt?: Dayjs | null;
  collectedPlace?: string;
  file?: File | null;
}

/** 证据: the evidence files with their sha256 (copy, download, integrity check) and the upload form. */
export function EvidenceTab({ caseId, canUpload, onUploaded }: Props) {
  const t = useT();
  const me = useMe();
  const { message } = App.useApp();
  const { catalog, label, options } = useCatalog();
  const rules = catalog?.evidence;
  const [form] = Form.useForm<UploadValues>();
  const [uploading, setUploading] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [actionError, setActionError] = useState<unknown>();
  const [verified, setVerified] = useState<Record<string, EvidenceVerify>>({});
  const [busy, setBusy] = useState<string | null>(null);
  const list = useAsync((signal) => evidenceApi.list(caseId, signal), [caseId]);

  useEffect(() => {
    if (!drawerOpen) return;
    setProblem(null);
    form.resetFields();
    form.setFieldsValue({ collectedBy: me.displayName, collectedAt: dayjs() });
  }, [drawerOpen, form, me.displayName]);

  const upload = async (values: UploadValues) => {
    if (!values.file) return;
    setUploading(true);
    setProblem(null);
    try {
      const added = await evidenceApi.upload(
        caseId,
        {
          kind: values.kind ?? '',
          title: values.title.trim(),
          description: values.description?.trim() || undefined,
          collectedBy: values.collectedBy.trim(),
          collectedAt: (values.collectedAt ?? dayjs()).toISOString(),
          collectedPlace: values.collectedPlace?.trim() || undefined,
        },
        values.file,
      );
      message.success(t('cases.evidence.uploaded', { title: added.title }));
      setDrawerOpen(false);
      list.reload();
      onUploaded();
    } catch (err) {
      setProblem(applyProblemToForm(form, err));
    } finally {
      setUploading(false);
    }
  };

  const download = async (e: Evidence) => {
    setActionError(undefined);
    setBusy(`d:${e.id}`);
    try {
      await evidenceApi.download(caseId, e);
    } catch (err) {
      setActionError(err);
    } finally {
      setBusy(null);
    }
  };

  const verify = async (e: Evidence) => {
    setActionError(undefined);
    setBusy(`v:${e.id}`);
    try {
      const result = await evidenceApi.verify(caseId, e.id);
      setVerified((v) => ({ ...v, [e.id]: result }));
      if (result.ok) message.success(t('cases.evidence.verifyOk', { title: e.title }));
      else message.error(t('cases.evidence.verifyFailed', { title: e.title }));
    } catch (err) {
      setActionError(err);
    } finally {
      setBusy(null);
    }
  };

  const columns: TableColumnsType<Evidence> = [
    {
      title: t('cases.evidence.kind'),
      dataIndex: 'kind',
      key: 'kind',
      render: (v: string) => label('evidenceKinds', v),
    },
    {
      title: t('cases.evidence.title'),
      key: 'title',
      render: (_, e) => (
        <div>
          <div>{e.title}</div>
          {e.description ? <div className="muted">{e.description}</div> : null}
        </div>
      ),
    },
    {
      title: t('cases.evidence.file'),
      key: 'file',
      render: (_, e) => (
        <div>
          <div>{e.fileName}</div>
          <div className="muted">{formatBytes(e.sizeBytes)}</div>
        </div>
      ),
    },
    {
      title: 'SHA-256',
      dataIndex: 'sha256',
      key: 'sha256',
      render: (sha: string, e) => {
        const check = verified[e.id];
        return (
          <Space size={4} wrap>
            <Typography.Text
              code
              data-testid="evidence-sha256"
              data-sha256={sha}
              copyable={{ text: sha, tooltips: [t('cases.evidence.copySha'), t('webhooks.copied')] }}
            >
              <abbr title={sha}>{sha.slice(0, 12)}…</abbr>
            </Typography.Text>
            {check ? (
              check.ok ? (
                <Tag color="green">{t('cases.evidence.intact')}</Tag>
              ) : (
                <Tag color="red" title={check.actual}>
                  {t('cases.evidence.tampered')}
                </Tag>
              )
            ) : null}
          </Space>
        );
      },
    },
    {
      title: t('cases.evidence.collected'),
      key: 'collected',
      render: (_, e) => (
        <div>
          <div>{e.collectedBy}</div>
          <div className="muted">{formatDateTime(e.collectedAt)}</div>
          {e.collectedPlace ? <div className="muted">{e.collectedPlace}</div> : null}
        </div>
      ),
    },
    {
      title: t('cases.evidence.uploadedBy'),
      key: 'uploaded',
      render: (_, e) => (
        <div>
          <div>{e.uploadedByName}</div>
          <div className="muted">{formatDateTime(e.createdAt)}</div>
        </div>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, e) => (
        <Space size={4}>
          <Button
            type="link"
            size="small"
            icon={<DownloadOutlined aria-hidden />}
            loading={busy === `d:${e.id}`}
            onClick={() => void download(e)}
          >
            {t('cases.download')}
            <span className="sr-only">：{e.title}</span>
          </Button>
          <Button
            type="link"
            size="small"
            icon={<SafetyCertificateOutlined aria-hidden />}
            loading={busy === `v:${e.id}`}
            onClick={() => void verify(e)}
          >
            {t('cases.evidence.verify')}
            <span className="sr-only">：{e.title}</span>
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <div>
      {canUpload ? (
        <div className="tab-toolbar">
          <Button icon={<UploadOutlined aria-hidden />} onClick={() => setDrawerOpen(true)}>
            {t('cases.evidence.upload')}
          </Button>
        </div>
      ) : null}
      <ProblemAlert
        className="table-alert"
        error={list.error ?? actionError}
        onClose={actionError ? () => setActionError(undefined) : undefined}
      />
      <Table<Evidence>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={list.data ?? []}
        loading={list.loading}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: list.loading ? ' ' : t('cases.evidence.none') }}
      />
      <FormDrawer
        open={drawerOpen}
        title={t('cases.evidence.upload')}
        size={560}
        saving={uploading}
        problem={problem}
        onClose={() => setDrawerOpen(false)}
        onSave={() => form.submit()}
      >
        <Form<UploadValues>
          form={form}
          layout="vertical"
          name="evidence-upload"
          onFinish={upload}
          disabled={uploading}
        >
          <Form.Item
            label={t('cases.evidence.kind')}
            name="kind"
            rules={[
              { required: true, message: t('common.selectRequired', { field: t('cases.evidence.kind') }) },
            ]}
          >
            <Select options={options('evidenceKinds')} />
          </Form.Item>
          <Form.Item
            label={t('cases.evidence.title')}
            name="title"
            rules={[
              {
                required: true,
                whitespace: true,
                message: t('common.required', { field: t('cases.evidence.title') }),
              },
            ]}
          >
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item label={t('cases.evidence.description')} name="description">
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
          <div className="form-row">
            <Form.Item
              label={t('cases.evidence.collectedBy')}
              name="collectedBy"
              rules={[
                {
                  required: true,
                  whitespace: true,
                  message: t('common.required', { field: t('cases.evidence.collectedBy') }),
                },
              ]}
            >
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item
              label={t('cases.evidence.collectedAt')}
              name="collectedAt"
              rules={[
                {
                  required: true,
                  message: t('common.selectRequired', { field: t('cases.evidence.collectedAt') }),
                },
              ]}
            >
              <DatePicker
                showTime={{ format: 'HH:mm' }}
                format="YYYY-MM-DD HH:mm"
                disabledDate={(d) => d.isAfter(dayjs(), 'day')}
                style={{ width: '100%' }}
              />
            </Form.Item>
          </div>
          <Form.Item label={t('cases.evidence.collectedPlace')} name="collectedPlace">
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item
            label={t('cases.evidence.fileField')}
            name="file"
            extra={
              <>
                {rules ? (
                  <div>
                    {t('cases.evidence.limits', {
                      types: rules.extensions.join(', '),
                      max: formatBytes(rules.maxBytes),
                    })}
                  </div>
                ) : null}
                <div>{t('cases.evidence.fileHint')}</div>
              </>
            }
            rules={[
              {
                required: true,
                message: t('common.selectRequired', { field: t('cases.evidence.fileField') }),
              },
              {
                validator: (_, file: File | null | undefined) => {
                  const wrong = file && rules ? fileProblem(file, rules, t) : null;
                  return wrong ? Promise.reject(new Error(wrong)) : Promise.resolve();
                },
              },
            ]}
          >
            <FileInput accept={rules?.extensions.map((ext) => `.${ext}`).join(',')} />
          </Form.Item>
        </Form>
      </FormDrawer>
    </div>
  );
}
