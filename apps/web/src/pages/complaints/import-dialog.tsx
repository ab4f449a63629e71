import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Form,
  Input,
  Modal,
  Space,
  Switch,
  Table,
  Tabs,
  Tag,
  Upload,
  type TableColumnsType,
  type UploadFile,
} from 'antd';
import { useEffect, useState } from 'react';
import {
  complaintImportApi,
  IMPORT_LIMITS,
  SOURCE_SYSTEM_PATTERN,
  type ComplaintImportReport,
  type ImportedRow,
  type ImportRowError,
  type RejectedRow,
  type SkippedRow,
} from '../../api/complaint-import';
import { ProblemAlert } from '../../components/problem-alert';
import { useLang, useT, type Lang, type TFunction } from '../../i18n';
import { applyProblemToForm, type FormProblem } from '../../lib/form-errors';

interface Props {
  open: boolean;
  onClose: () => void;
  /** complaints were written (not after a dry run, nor when every row was skipped or rejected) */
  onImported?: (report: ComplaintImportReport) => void;
}

interface Values {
  sourceSystem: string;
  dryRun: boolean;
  file?: UploadFile[];
}

const SOURCE_KEY = 'ipe.complaintImport.sourceSystem';

function rememberedSource(): string {
  try {
    return localStorage.getItem(SOURCE_KEY) ?? '';
  } catch {
    return '';
  }
}

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

function mib(bytes: number): string {
  return `${Math.round(bytes / 1048576)} MB`;
}

/** One field error as the person fixing the file reads it: the column as the file names it, then the message. */
function errorText(e: ImportRowError, lang: Lang, t: TFunction): string {
  const message = lang === 'en' ? e.message : e.messageZh || e.message;
  const where = e.column ?? (e.field === 'row' ? t('complaintImport.wholeRow') : e.field);
  return `${where}：${message}`;
}

/**
 * 批量导入投诉: upload another hotline system's CSV / XLSX export. "Validate only" checks and routes every row and
 * writes nothing; the report lists the rows imported, skipped (imported before) and rejected, by spreadsheet row.
 */
export function ComplaintImportDialog({ open, onClose, onImported }: Props) {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [report, setReport] = useState<ComplaintImportReport | null>(null);
  const [templateError, setTemplateError] = useState<unknown>();
  const dryRun = Form.useWatch('dryRun', form) ?? true;

  useEffect(() => {
    if (!open) return;
    setProblem(null);
    setReport(null);
    setTemplateError(undefined);
    form.resetFields();
    form.setFieldsValue({ sourceSystem: rememberedSource(), dryRun: true, file: [] });
  }, [open, form]);

  const submit = async (values: Values) => {
    const file = values.file?.[0]?.originFileObj;
    if (!file) return;
    setBusy(true);
    setProblem(null);
    setReport(null);
    const sourceSystem = values.sourceSystem.trim();
    try {
      const result = await complaintImportApi.upload(file, { sourceSystem, dryRun: values.dryRun });
      setReport(result);
      try {
        localStorage.setItem(SOURCE_KEY, sourceSystem);
      } catch {
        // storage unavailable: nothing to remember
      }
      if (!result.dryRun && result.imported.length) {
        message.success(t('complaintImport.done', { count: result.imported.length }));
        onImported?.(result);
      }
    } catch (err) {
      setProblem(applyProblemToForm(form, err));
    } finally {
      setBusy(false);
    }
  };

  /** After a clean check, the same file for real. */
  const importForReal = () => {
    form.setFieldValue('dryRun', false);
    form.submit();
  };

  const downloadTemplate = async () => {
    setTemplateError(undefined);
    try {
      await complaintImportApi.downloadTemplate();
    } catch (err) {
      setTemplateError(err);
    }
  };

  const rowColumn = { title: t('complaintImport.row'), dataIndex: 'row', key: 'row', width: 72 };
  const refColumn = { title: t('complaintImport.externalRef'), dataIndex: 'externalRef', key: 'externalRef' };

  const rejectedColumns: TableColumnsType<RejectedRow> = [
    rowColumn,
    { ...refColumn, render: (v: string | null) => v ?? '—' },
    {
      title: t('complaintImport.problems'),
      key: 'errors',
      render: (_, r) => (
        <ul style={{ margin: 0, paddingInlineStart: 16 }}>
          {r.errors.map((e, i) => (
            <li key={`${e.field}-${i}`}>{errorText(e, lang, t)}</li>
          ))}
        </ul>
      ),
    },
  ];
  const importedColumns: TableColumnsType<ImportedRow> = [
    rowColumn,
    refColumn,
    {
      title: t('complaintImport.trackingNo'),
      dataIndex: 'trackingNo',
      key: 'trackingNo',
      render: (v: string | null) => v ?? <span className="muted">{t('complaintImport.notNumbered')}</span>,
    },
    {
      title: t('complaintImport.office'),
      dataIndex: 'officeName',
      key: 'officeName',
      render: (v: string | null) => v ?? '—',
    },
    {
      title: t('complaintImport.dueDate'),
      dataIndex: 'dueDate',
      key: 'dueDate',
      render: (v: string | null) => v ?? '—',
    },
  ];
  const skippedColumns: TableColumnsType<SkippedRow> = [
    rowColumn,
    refColumn,
    { title: t('complaintImport.existingTrackingNo'), dataIndex: 'trackingNo', key: 'trackingNo' },
  ];

  const table = <T extends { row: number }>(rows: T[], columns: TableColumnsType<T>, empty: string) => (
    <Table<T>
      rowKey="row"
      size="small"
      columns={columns}
      dataSource={rows}
      pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
      scroll={{ x: 'max-content', y: 320 }}
      locale={{ emptyText: empty }}
    />
  );

  const summary = report
    ? t(report.dryRun ? 'complaintImport.summaryDryRun' : 'complaintImport.summary', {
        total: report.total,
        imported: report.imported.length,
        skipped: report.skipped.length,
        rejected: report.rejected.length,
      })
    : '';

  return (
    <Modal
      open={open}
      title={t('complaintImport.title')}
      width={880}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
      footer={
        <Space>
          <Button onClick={onClose}>{report ? t('complaintImport.close') : t('common.cancel')}</Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()}>
            {dryRun ? t('complaintImport.validate') : t('complaintImport.start')}
          </Button>
        </Space>
      }
    >
      {problem ? (
        <ProblemAlert
          className="form-alert"
          error={problem.problem}
          unmatched={problem.unmatched}
          mappedAny={problem.mappedAny}
        />
      ) : null}
      <Form<Values> form={form} layout="vertical" name="complaint-import" onFinish={submit} disabled={busy}>
        <Form.Item
          label={t('complaintImport.sourceSystem')}
          name="sourceSystem"
          extra={t('complaintImport.sourceSystemHint')}
          rules={[
            {
              required: true,
              whitespace: true,
              message: t('common.required', { field: t('complaintImport.sourceSystem') }),
            },
            {
              validator: (_, v: string | undefined) =>
                !v?.trim() || SOURCE_SYSTEM_PATTERN.test(v.trim())
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('complaintImport.sourceSystemInvalid'))),
            },
          ]}
        >
          <Input maxLength={50} autoComplete="off" />
        </Form.Item>
        <Form.Item
          label={t('complaintImport.file')}
          name="file"
          valuePropName="fileList"
          getValueFromEvent={(e: { fileList: UploadFile[] }) => e.fileList.slice(-1)}
          extra={
            <Space size={4} wrap>
              <span>
                {t('complaintImport.limits', {
                  max: mib(IMPORT_LIMITS.maxBytes),
                  rows: IMPORT_LIMITS.maxRows,
                })}
              </span>
              <Button
                type="link"
                size="small"
                icon={<DownloadOutlined aria-hidden />}
                onClick={() => void downloadTemplate()}
              >
                {t('complaintImport.template')}
              </Button>
            </Space>
          }
          rules={[
            {
              validator: (_, list: UploadFile[] | undefined) => {
                const file = list?.[0]?.originFileObj;
                if (!file) {
                  return Promise.reject(
                    new Error(t('common.selectRequired', { field: t('complaintImport.file') })),
                  );
                }
                if (!(IMPORT_LIMITS.extensions as readonly string[]).includes(extensionOf(file.name))) {
                  return Promise.reject(new Error(t('complaintImport.badType', { name: file.name })));
                }
                if (file.size > IMPORT_LIMITS.maxBytes) {
                  return Promise.reject(
                    new Error(
                      t('complaintImport.tooLarge', { name: file.name, max: mib(IMPORT_LIMITS.maxBytes) }),
                    ),
                  );
                }
                return Promise.resolve();
              },
            },
          ]}
        >
          <Upload.Dragger
            accept=".csv,.xlsx"
            maxCount={1}
            multiple={false}
            beforeUpload={() => false}
            onChange={() => setReport(null)}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined aria-hidden />
            </p>
            <p className="ant-upload-text">{t('complaintImport.drop')}</p>
            <p className="ant-upload-hint">{t('complaintImport.dropHint')}</p>
          </Upload.Dragger>
        </Form.Item>
        <Form.Item
          label={t('complaintImport.dryRun')}
          name="dryRun"
          valuePropName="checked"
          extra={t('complaintImport.dryRunHint')}
        >
          <Switch />
        </Form.Item>
      </Form>
      <ProblemAlert
        className="form-alert"
        error={templateError}
        onClose={() => setTemplateError(undefined)}
      />

      {report ? (
        <section aria-labelledby="complaint-import-result" aria-live="polite">
          <Alert
            id="complaint-import-result"
            type={report.rejected.length ? 'warning' : 'success'}
            showIcon
            title={summary}
            description={
              <Space size={4} wrap>
                <span className="muted">{report.fileName}</span>
                {report.encoding ? <Tag>{report.encoding.toUpperCase()}</Tag> : null}
                {report.dryRun ? <Tag color="blue">{t('complaintImport.dryRunTag')}</Tag> : null}
                {report.dryRun && report.imported.length ? (
                  <Button size="small" type="primary" onClick={importForReal} loading={busy}>
                    {t('complaintImport.importNow', { count: report.imported.length })}
                  </Button>
                ) : null}
              </Space>
            }
          />
          <Tabs
            key={`${report.sha256}-${report.dryRun}`}
            defaultActiveKey={report.rejected.length ? 'rejected' : 'imported'}
            items={[
              {
                key: 'rejected',
                label: t('complaintImport.tabRejected', { count: report.rejected.length }),
                children: table(report.rejected, rejectedColumns, t('complaintImport.noneRejected')),
              },
              {
                key: 'imported',
                label: t(report.dryRun ? 'complaintImport.tabWouldImport' : 'complaintImport.tabImported', {
                  count: report.imported.length,
                }),
                children: table(report.imported, importedColumns, t('complaintImport.noneImported')),
              },
              {
                key: 'skipped',
                label: t('complaintImport.tabSkipped', { count: report.skipped.length }),
                children: table(report.skipped, skippedColumns, t('complaintImport.noneSkipped')),
              },
            ]}
          />
        </section>
      ) : null}
    </Modal>
  );
}
