import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Form, Modal, Popconfirm, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { casesApi } from '../../api/cases';
import { isApiError, type ApiError } from '../../api/http';
import type {
  AddPartyRequest,
  CaseDetail,
  CaseParty,
  CasePartyPersonalData,
  PartyInput,
} from '../../api/types';
import { useAuth } from '../../auth/auth-context';
import { FormProblemAlert } from '../../components/form-problem-alert';
import { MaskedValue } from '../../components/masked-value';
import { ProblemAlert } from '../../components/problem-alert';
import { useT } from '../../i18n';
import { useCatalog } from '../../lib/use-catalog';
import { useFormSubmit } from '../../lib/use-form-submit';
import { cleanParty, PartyFields } from './party-fields';

interface Props {
  detail: CaseDetail;
  canEdit: boolean;
  onChanged: (updated: CaseDetail) => void;
  onConflict: (error: ApiError) => void;
}

/**
 * 当事人: the parties of the case; add (identifiers checked by the server) and remove. ID numbers and phones come
 * masked (issue 9); officers of the handling office may 显示 one party's in full (an audited request).
 */
export function PartiesTab({ detail, canEdit, onChanged, onConflict }: Props) {
  const t = useT();
  const { hasAnyRole, me } = useAuth();
  const [revealed, setRevealed] = useState<Record<string, CasePartyPersonalData>>({});
  const mayReveal = hasAnyRole(['officer']) && me?.office.id === detail.officeId;
  const revealOf = (p: CaseParty) =>
    mayReveal
      ? async () => {
          const data = await casesApi.partyPersonalData(detail.id, p.id);
          setRevealed((known) => ({ ...known, [p.id]: data }));
        }
      : undefined;
  const { message } = App.useApp();
  const { label } = useCatalog();
  const [form] = Form.useForm<PartyInput>();
  const [adding, setAdding] = useState(false);
  const { saving, problem, submit, clearProblem } = useFormSubmit(form);
  const [removeError, setRemoveError] = useState<unknown>();
  const none = t('common.none');

  const add = (values: PartyInput) =>
    submit(
      async () => {
        const body = { ...cleanParty(values), version: detail.version } as AddPartyRequest;
        const updated = await casesApi.addParty(detail.id, body);
        message.success(t('cases.party.added'));
        setAdding(false);
        onChanged(updated);
      },
      {
        409: (err) => {
          setAdding(false);
          onConflict(err);
        },
      },
    );

  const remove = async (party: CaseParty) => {
    setRemoveError(undefined);
    try {
      onChanged(await casesApi.removeParty(detail.id, party.id, detail.version));
      message.success(t('common.deleted'));
    } catch (err) {
      if (isApiError(err) && err.status === 409) onConflict(err);
      else setRemoveError(err);
    }
  };

  const columns: TableColumnsType<CaseParty> = [
    {
      title: t('cases.party.role'),
      dataIndex: 'role',
      key: 'role',
      render: (v: string) => label('partyRoles', v),
    },
    {
      title: t('cases.party.kind'),
      dataIndex: 'kind',
      key: 'kind',
      render: (v: string) => label('partyKinds', v),
    },
    {
      title: t('cases.party.name'),
      dataIndex: 'name',
      key: 'name',
      render: (name: string, p) => (
        <span>
          {name}
          {p.foreignDomicile ? <Tag style={{ marginInlineStart: 6 }}>{t('cases.party.foreign')}</Tag> : null}
        </span>
      ),
    },
    {
      title: t('cases.party.identifier'),
      key: 'id',
      render: (_, p) =>
        p.uscc ? (
          <span className="mono">{p.uscc}</span>
        ) : (
          <MaskedValue
            value={p.idNumber}
            full={revealed[p.id]?.idNumber}
            field={`${p.name} ${t('cases.party.idNumber')}`}
            onReveal={revealOf(p)}
          />
        ),
    },
    {
      title: t('cases.party.phone'),
      dataIndex: 'phone',
      key: 'phone',
      render: (v: string | null, p) => (
        <MaskedValue
          value={v}
          full={revealed[p.id]?.phone}
          field={`${p.name} ${t('cases.party.phone')}`}
          onReveal={revealOf(p)}
        />
      ),
    },
    {
      title: t('cases.party.address'),
      dataIndex: 'address',
      key: 'address',
      render: (v: string | null) => v ?? none,
    },
  ];
  if (canEdit) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      render: (_, p) => (
        <Popconfirm
          title={t('cases.party.removeConfirm', { name: p.name })}
          okText={t('common.confirm')}
          cancelText={t('common.cancel')}
          onConfirm={() => remove(p)}
        >
          <Button type="link" size="small" danger icon={<DeleteOutlined aria-hidden />}>
            {t('common.delete')}
            <span className="sr-only">：{p.name}</span>
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
              clearProblem();
              setAdding(true);
            }}
          >
            {t('cases.party.add')}
          </Button>
        </div>
      ) : null}
      <ProblemAlert className="table-alert" error={removeError} onClose={() => setRemoveError(undefined)} />
      <Table<CaseParty>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={detail.parties}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('cases.party.none') }}
      />
      <Modal
        open={adding}
        title={t('cases.party.add')}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={saving}
        onOk={() => form.submit()}
        onCancel={() => setAdding(false)}
        destroyOnHidden
        width={640}
      >
        <FormProblemAlert problem={problem} />
        <Form<PartyInput>
          form={form}
          layout="vertical"
          name="case-party"
          onFinish={add}
          disabled={saving}
          initialValues={{ role: 'respondent', kind: 'enterprise' }}
        >
          <PartyFields prefix={[]} watchPath={[]} />
        </Form>
      </Modal>
    </div>
  );
}
