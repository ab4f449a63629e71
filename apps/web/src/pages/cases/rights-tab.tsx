import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Form, Modal, Popconfirm, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { casesApi } from '../../api/cases';
import { isApiError, type ApiError } from '../../api/http';
import type { AddRightRequest, CaseDetail, CaseRight, RightInput } from '../../api/types';
import { ProblemAlert } from '../../components/problem-alert';
import { useT, type MessageKey } from '../../i18n';
import { applyProblemToForm, type FormProblem } from '../../lib/form-errors';
import { useCatalog } from '../../lib/use-catalog';
import { cleanParty, RightFields } from './party-fields';

/** How the server recognised a right's number. */
const NUMBER_KINDS = {
  patent_application: 'cases.right.kind.patent_application',
  patent_publication: 'cases.right.kind.patent_publication',
  trademark: 'cases.right.kind.trademark',
  plant_variety_right: 'cases.right.kind.plant_variety_right',
} as const satisfies Record<string, MessageKey>;

interface Props {
  detail: CaseDetail;
  canEdit: boolean;
  onChanged: (updated: CaseDetail) => void;
  onConflict: (error: ApiError) => void;
}

/** 知识产权: the rights at issue; numbers are checked against the case's IP type by the server. */
export function RightsTab({ detail, canEdit, onChanged, onConflict }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const { label } = useCatalog();
  const [form] = Form.useForm<RightInput>();
  const [adding, setAdding] = useState(false);
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [removeError, setRemoveError] = useState<unknown>();
  const none = t('common.none');

  const add = async (values: RightInput) => {
    setSaving(true);
    setProblem(null);
    try {
      const body = { ...cleanParty(values), version: detail.version } as AddRightRequest;
      const updated = await casesApi.addRight(detail.id, body);
      message.success(t('cases.right.added'));
      setAdding(false);
      onChanged(updated);
    } catch (err) {
      if (isApiError(err) && err.status === 409) {
        setAdding(false);
        onConflict(err);
      } else setProblem(applyProblemToForm(form, err));
    } finally {
      setSaving(false);
    }
  };

  const remove = async (right: CaseRight) => {
    setRemoveError(undefined);
    try {
      onChanged(await casesApi.removeRight(detail.id, right.id, detail.version));
      message.success(t('common.deleted'));
    } catch (err) {
      if (isApiError(err) && err.status === 409) onConflict(err);
      else setRemoveError(err);
    }
  };

  const columns: TableColumnsType<CaseRight> = [
    {
      title: t('cases.right.number'),
      dataIndex: 'number',
      key: 'number',
      render: (v: string) => <span className="mono">{v}</span>,
    },
    {
      title: t('cases.right.numberKind'),
      dataIndex: 'numberKind',
      key: 'numberKind',
      render: (v: string | null) =>
        v && v in NUMBER_KINDS
          ? t(NUMBER_KINDS[v as keyof typeof NUMBER_KINDS])
          : (v ?? label('ipTypes', detail.ipType)),
    },
    { title: t('cases.right.title'), dataIndex: 'title', key: 'title', render: (v: string) => v || none },
    { title: t('cases.right.holder'), dataIndex: 'holder', key: 'holder', render: (v: string) => v || none },
  ];
  if (canEdit) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      render: (_, r) => (
        <Popconfirm
          title={t('cases.right.removeConfirm', { number: r.number })}
          okText={t('common.confirm')}
          cancelText={t('common.cancel')}
          onConfirm={() => remove(r)}
        >
          <Button type="link" size="small" danger icon={<DeleteOutlined aria-hidden />}>
            {t('common.delete')}
            <span className="sr-only">：{r.number}</span>
          </Button>
        </Popconfirm>
      ),
    });
  }

  return (
    <div>
      {canEdit ? (
        <div className="tab-toolbar">
          <Button
            icon={<PlusOutlined aria-hidden />}
            onClick={() => {
              setProblem(null);
              setAdding(true);
            }}
          >
            {t('cases.right.add')}
          </Button>
        </div>
      ) : null}
      <ProblemAlert className="table-alert" error={removeError} onClose={() => setRemoveError(undefined)} />
      <Table<CaseRight>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={detail.rights}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('cases.right.none') }}
      />
      <Modal
        open={adding}
        title={t('cases.right.add')}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={saving}
        onOk={() => form.submit()}
        onCancel={() => setAdding(false)}
        destroyOnHidden
        width={720}
      >
        {problem ? (
          <ProblemAlert
            className="form-alert"
            error={problem.problem}
            unmatched={problem.unmatched}
            mappedAny={problem.mappedAny}
          />
        ) : null}
        <Form<RightInput> form={form} layout="vertical" name="case-right" onFinish={add} disabled={saving}>
          <RightFields prefix={[]} />
        </Form>
      </Modal>
    </div>
  );
}
