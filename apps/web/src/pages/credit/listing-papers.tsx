import {
  CheckCircleOutlined,
  DownloadOutlined,
  ExclamationCircleOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { App, Button, Card, Empty, Form, Radio, Tag, Typography } from 'antd';
import { useState } from 'react';
import { creditApi } from '../../api/credit';
import type { ApiError } from '../../api/http';
import type { ListingAttachment, ListingDetail, ListingPaperKind, RepairMaterialKind } from '../../api/types';
import { useAuth } from '../../auth/auth-context';
import { ProblemAlert } from '../../components/problem-alert';
import { useT } from '../../i18n';
import { formatBytes } from '../../lib/case-format';
import { formatDateTime } from '../../lib/format';
import { useCatalog } from '../../lib/use-catalog';
import { CreditFormModal } from './credit-form-modal';
import { useCreditCatalog } from './use-credit-catalog';
import { FileInput, fileProblem } from '../../components/file-input';

/** The states in which the statement's papers are taken: the defence window runs, or the statement is recorded. */
const STATEMENT_STATES: readonly ListingDetail['state'][] = ['notified', 'defended'];

/** The pending credit-repair application, if any. */
export const pendingRepair = (l: ListingDetail) => l.repairs.find((r) => r.state === 'pending');

/**
 * The materials of the pending repair application (the catalog's `repairMaterials`, in its order) with whether
 * each has been uploaded; empty without a pending application.
 */
export function repairMaterials(
  l: ListingDetail,
  materials: readonly { code: string }[],
): { code: RepairMaterialKind; uploaded: boolean }[] {
  const pending = pendingRepair(l);
  if (!pending) return [];
  return materials.map((m) => ({
    code: m.code as RepairMaterialKind,
    uploaded: l.attachments.some((a) => a.repairId === pending.id && a.kind === m.code),
  }));
}

/** The kinds of paper the listing takes now (the server decides again). */
function uploadableKinds(l: ListingDetail, materials: readonly { code: string }[]): ListingPaperKind[] {
  const kinds: ListingPaperKind[] = [];
  if (STATEMENT_STATES.includes(l.state)) kinds.push('statement');
  if (pendingRepair(l)) kinds.push(...materials.map((m) => m.code as RepairMaterialKind));
  return kinds;
}

interface Props {
  detail: ListingDetail;
  /** a paper was added: the page reloads the listing */
  onUploaded: () => void;
  /** 409: the listing no longer takes that paper (its state changed meanwhile) */
  onConflict: (error: ApiError) => void;
}

/**
 * 材料: the papers kept with the listing — the statement's, and the materials of credit-repair applications — each
 * downloadable; while a repair application is pending, which of its four materials are there and which are still
 * missing (a head approves only with all four). Staff add papers while the listing takes them: the statement's
 * while the defence window runs or once the statement is recorded, the materials while a repair is pending.
 */
export function ListingPapers({ detail: l, onUploaded, onConflict }: Props) {
  const t = useT();
  const { hasAnyRole } = useAuth();
  const { catalog } = useCreditCatalog();
  const [adding, setAdding] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>();
  const materials = catalog?.repairMaterials ?? [];
  const kinds = hasAnyRole(['officer', 'supervisor']) ? uploadableKinds(l, materials) : [];
  const checklist = repairMaterials(l, materials);
  const kindLabel = useKindLabel();

  if (!l.attachments.length && !kinds.length) return null;

  const download = async (a: ListingAttachment) => {
    setError(undefined);
    setBusy(a.id);
    try {
      await creditApi.downloadAttachment(l.id, a);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card
      title={<h2 className="card-heading">{t('credit.section.attachments')}</h2>}
      extra={
        kinds.length ? (
          <Button icon={<UploadOutlined aria-hidden />} onClick={() => setAdding(true)}>
            {t('credit.papers.add')}
          </Button>
        ) : null
      }
    >
      {checklist.length ? (
        <div data-testid="repair-materials">
          <Typography.Paragraph style={{ marginBottom: 8 }}>
            {checklist.every((m) => m.uploaded)
              ? t('credit.papers.complete')
              : t('credit.papers.missing', {
                  list: checklist
                    .filter((m) => !m.uploaded)
                    .map((m) => kindLabel(m.code))
                    .join(t('credit.papers.separator')),
                })}
          </Typography.Paragraph>
          <ul className="credit-materials" aria-label={t('credit.papers.materials')}>
            {checklist.map((m) => (
              <li key={m.code} data-material={m.code} data-uploaded={m.uploaded}>
                <Tag
                  color={m.uploaded ? 'green' : 'orange'}
                  icon={
                    m.uploaded ? (
                      <CheckCircleOutlined aria-hidden />
                    ) : (
                      <ExclamationCircleOutlined aria-hidden />
                    )
                  }
                >
                  {t('credit.papers.materialState', {
                    kind: kindLabel(m.code),
                    state: t(m.uploaded ? 'credit.papers.uploadedTag' : 'credit.papers.missingTag'),
                  })}
                </Tag>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <ProblemAlert className="table-alert" error={error} onClose={() => setError(undefined)} />
      {l.attachments.length ? (
        <ul className="plain-list credit-papers" data-testid="listing-attachments">
          {l.attachments.map((a) => (
            <li key={a.id} data-kind={a.kind}>
              <Tag className="credit-paper-kind">{kindLabel(a.kind)}</Tag>
              <Button
                type="link"
                size="small"
                icon={<DownloadOutlined aria-hidden />}
                loading={busy === a.id}
                aria-label={t('credit.papers.download', { name: a.fileName })}
                onClick={() => void download(a)}
                style={{ paddingInline: 0 }}
              >
                {a.fileName}
              </Button>
              <div className="muted">
                {formatDateTime(a.createdAt)} · {formatBytes(a.sizeBytes)} ·{' '}
                <span className="mono" title={a.sha256}>
                  SHA-256 {a.sha256.slice(0, 12)}…
                </span>
              </div>
            </li>
          ))}
        </ul>
      ) : (
        <Empty description={t('credit.papers.none')} />
      )}
      <PaperDialog
        detail={l}
        kinds={kinds}
        uploaded={checklist.filter((m) => m.uploaded).map((m) => m.code)}
        open={adding}
        onClose={() => setAdding(false)}
        onDone={() => {
          setAdding(false);
          onUploaded();
        }}
        onConflict={(e) => {
          setAdding(false);
          onConflict(e);
        }}
      />
    </Card>
  );
}

/** The name of a kind of paper: the statement's, or a repair material (the catalog's words). */
function useKindLabel(): (kind: string) => string {
  const t = useT();
  const { label } = useCreditCatalog();
  return (kind) =>
    kind === 'statement' ? t('credit.papers.kind.statement') : label('repairMaterials', kind);
}

interface Values {
  kind?: ListingPaperKind;
  file?: File | null;
}

/** 上传材料: the kind of paper (what the listing takes now; a missing material first) and the file. */
function PaperDialog({
  detail,
  kinds,
  uploaded,
  open,
  onClose,
  onDone,
  onConflict,
}: {
  detail: ListingDetail;
  kinds: ListingPaperKind[];
  /** the repair materials already there */
  uploaded: string[];
  open: boolean;
  onClose: () => void;
  onDone: () => void;
  onConflict: (error: ApiError) => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const { catalog } = useCatalog();
  const rules = catalog?.evidence;
  const kindLabel = useKindLabel();
  const [form] = Form.useForm<Values>();
  const first = kinds.find((k) => k === 'statement' || !uploaded.includes(k)) ?? kinds[0];

  const send = async (v: Values) => {
    if (!v.kind || !v.file) return;
    const added = await creditApi.attach(detail.id, v.kind, v.file);
    message.success(t('credit.papers.uploaded', { name: added.fileName }));
    onDone();
  };

  return (
    <CreditFormModal<Values>
      open={open}
      title={t('credit.papers.add')}
      intro={t(kinds.includes('statement') ? 'credit.papers.introStatement' : 'credit.papers.introRepair')}
      form={form}
      name={`listing-paper-${detail.id}`}
      okText={t('credit.papers.submit')}
      initialValues={{ kind: first }}
      send={send}
      onClose={onClose}
      onConflict={onConflict}
    >
      <Form.Item
        label={t('credit.papers.kind')}
        name="kind"
        rules={[{ required: true, message: t('common.selectRequired', { field: t('credit.papers.kind') }) }]}
      >
        <Radio.Group
          className="credit-conditions"
          options={kinds.map((k) => ({
            value: k,
            label: uploaded.includes(k)
              ? t('credit.papers.kindUploaded', { kind: kindLabel(k) })
              : kindLabel(k),
          }))}
        />
      </Form.Item>
      <Form.Item
        label={t('credit.papers.file')}
        name="file"
        extra={
          rules
            ? t('cases.evidence.limits', {
                types: rules.extensions.join(', '),
                max: formatBytes(rules.maxBytes),
              })
            : undefined
        }
        rules={[
          { required: true, message: t('common.selectRequired', { field: t('credit.papers.file') }) },
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
    </CreditFormModal>
  );
}
