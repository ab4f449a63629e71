import { Alert, Button, Form, Input, Table, Tag, type TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { isApiError } from '../../api/http';
import {
  complaintsApi,
  type ComplaintDetail,
  type ComplaintListQuery,
  type ComplaintTransition,
} from '../../api/complaints';
import { ComplaintStateTag } from '../../components/complaint-state-tag';
import { ProblemAlert } from '../../components/problem-alert';
import { useT } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { useComplaintCatalog } from '../../lib/use-complaint-catalog';
import { CommandModal, type CommandProps } from './command-modal';

interface Values {
  duplicates?: string[];
  reason?: string;
}

/** A complaint that may be merged into this one: a duplicate hit, or one looked up by its tracking number. */
interface Candidate {
  id: string;
  trackingNo: string;
  receivedAt: string;
  state: string;
  respondentName: string | null;
  reasons: string[];
}

const REASONS = ['respondent_uscc', 'right_number', 'phone', 'respondent_name'] as const;

function CandidatePicker({
  candidates,
  mergeable,
  value,
  onChange,
}: {
  candidates: Candidate[];
  mergeable: (c: Candidate) => boolean;
  value?: string[];
  onChange?: (ids: string[]) => void;
}) {
  const t = useT();
  const { label } = useComplaintCatalog();
  const columns: TableColumnsType<Candidate> = [
    {
      title: t('complaints.col.trackingNo'),
      dataIndex: 'trackingNo',
      key: 'no',
      render: (v: string) => <span className="mono">{v}</span>,
    },
    {
      title: t('complaints.col.receivedAt'),
      dataIndex: 'receivedAt',
      key: 'at',
      render: (v: string) => formatDateTime(v),
    },
    {
      title: t('complaints.col.respondent'),
      dataIndex: 'respondentName',
      key: 'resp',
      render: (v: string | null) => v ?? t('common.none'),
    },
    {
      title: t('common.status'),
      dataIndex: 'state',
      key: 'state',
      render: (v: string) => <ComplaintStateTag state={v} label={label('states', v)} />,
    },
    {
      title: t('complaints.merge.why'),
      key: 'why',
      render: (_, c) =>
        c.reasons.map((r) => (
          <Tag key={r}>
            {(REASONS as readonly string[]).includes(r)
              ? t(`complaints.merge.reason.${r as (typeof REASONS)[number]}`)
              : r}
          </Tag>
        )),
    },
  ];
  return (
    <Table<Candidate>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={candidates}
      pagination={false}
      scroll={{ x: 'max-content' }}
      rowSelection={{
        selectedRowKeys: value ?? [],
        onChange: (keys) => onChange?.(keys as string[]),
        getCheckboxProps: (c) => ({
          disabled: !mergeable(c),
          'aria-label': t('complaints.merge.pick', { no: c.trackingNo }),
        }),
      }}
      locale={{ emptyText: t('complaints.merge.none') }}
    />
  );
}

/**
 * 合并重复投诉: this complaint is kept; the chosen duplicates become `merged` into it, their complainants kept and
 * told. Candidates: the live duplicate check for this complaint (same credit code, right number, phone, similar
 * name), plus any complaint entered by its tracking number.
 */
export function MergeDialog({ transition, ...props }: CommandProps & { transition: ComplaintTransition }) {
  const t = useT();
  const { label } = useComplaintCatalog();
  const { detail } = props;
  const [form] = Form.useForm<Values>();
  const [candidates, setCandidates] = useState<Candidate[]>([]);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [lookup, setLookup] = useState('');
  const [lookupError, setLookupError] = useState<string | null>(null);
  const [looking, setLooking] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    complaintsApi
      .duplicates(
        {
          respondentUscc: detail.respondentUscc ?? undefined,
          rightNumber: detail.rightNumber ?? undefined,
          phone: detail.complainantPhone ?? undefined,
          respondentName: detail.respondentName ?? undefined,
          excludeId: detail.id,
        },
        controller.signal,
      )
      .then(
        (hits) =>
          setCandidates((known) => [...known.filter((k) => !hits.some((h) => h.id === k.id)), ...hits]),
        (err: unknown) => {
          if (!controller.signal.aborted) setLoadError(err);
        },
      );
    return () => controller.abort();
  }, [detail.id, detail.respondentUscc, detail.rightNumber, detail.complainantPhone, detail.respondentName]);

  const mergeable = (c: Candidate) => c.id !== detail.id && transition.from.includes(c.state);

  const addByNumber = async () => {
    const no = lookup.trim();
    if (!no) return;
    setLooking(true);
    setLookupError(null);
    try {
      // `trackingNo` is a list filter the server is to add; until then it answers 400 (an unknown parameter)
      const query = { trackingNo: no, page: 1, pageSize: 5 } as ComplaintListQuery;
      const page = await complaintsApi.list(query);
      const hit = page.items.find((c) => c.trackingNo === no);
      if (!hit) setLookupError(t('complaints.merge.notFound', { no }));
      else if (hit.id === detail.id) setLookupError(t('complaints.merge.self'));
      else if (!transition.from.includes(hit.state)) {
        setLookupError(t('complaints.merge.notMergeable', { no, state: label('states', hit.state) }));
      } else {
        setCandidates((known) => [
          ...known.filter((k) => k.id !== hit.id),
          {
            id: hit.id,
            trackingNo: hit.trackingNo,
            receivedAt: hit.receivedAt,
            state: hit.state,
            respondentName: hit.respondentName,
            reasons: [],
          },
        ]);
        const picked = (form.getFieldValue('duplicates') as string[] | undefined) ?? [];
        form.setFieldsValue({ duplicates: [...picked.filter((id) => id !== hit.id), hit.id] });
        setLookup('');
      }
    } catch (err) {
      setLookupError(
        isApiError(err) && err.status === 400
          ? t('complaints.merge.lookupUnsupported')
          : isApiError(err)
            ? err.problem.title
            : t('error.network'),
      );
    } finally {
      setLooking(false);
    }
  };

  /** The version of each duplicate as read now: the server refuses the merge if one changes before it lands. */
  const send = async (v: Values): Promise<ComplaintDetail> => {
    const ids = v.duplicates ?? [];
    const read = await Promise.all(ids.map((id) => complaintsApi.get(id)));
    return complaintsApi.merge(detail.id, {
      version: detail.version,
      reason: v.reason?.trim() ?? '',
      duplicates: read.map((d) => ({ id: d.id, version: d.version })),
    });
  };

  return (
    <CommandModal<Values>
      {...props}
      title={t('complaints.merge.title')}
      name="complaint-merge"
      form={form}
      width={820}
      intro={t('complaints.merge.intro', { no: detail.trackingNo })}
      send={send}
      doneText={t('complaints.merge.done')}
    >
      {loadError ? <ProblemAlert className="form-alert" error={loadError} /> : null}
      <div className="merge-lookup">
        <Input
          value={lookup}
          onChange={(e) => setLookup(e.target.value)}
          onPressEnter={(e) => {
            e.preventDefault();
            void addByNumber();
          }}
          placeholder={t('complaints.merge.byNumber')}
          aria-label={t('complaints.merge.byNumber')}
          className="mono"
          maxLength={40}
        />
        <Button onClick={() => void addByNumber()} loading={looking}>
          {t('complaints.merge.add')}
        </Button>
      </div>
      {lookupError ? <Alert className="form-alert" type="warning" showIcon title={lookupError} /> : null}
      <Form.Item
        label={t('complaints.merge.duplicates')}
        name="duplicates"
        rules={[{ required: true, type: 'array', min: 1, message: t('complaints.merge.pickOne') }]}
      >
        <CandidatePicker candidates={candidates} mergeable={mergeable} />
      </Form.Item>
      <Form.Item
        label={t('complaints.field.reason')}
        name="reason"
        rules={[
          {
            required: true,
            whitespace: true,
            message: t('common.required', { field: t('complaints.field.reason') }),
          },
        ]}
      >
        <Input.TextArea rows={3} maxLength={5000} />
      </Form.Item>
    </CommandModal>
  );
}
