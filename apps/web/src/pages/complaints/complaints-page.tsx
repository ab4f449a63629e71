import { UploadOutlined } from '@ant-design/icons';
import { Button, Checkbox, Form, Input, Typography, type TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { complaintsApi, type Complaint, type ComplaintListQuery } from '../../api/complaints';
import type { Role } from '../../api/types';
import { useAuth } from '../../auth/auth-context';
import { ComplaintStateTag } from '../../components/complaint-state-tag';
import { DueCell } from '../../components/deadline-badge';
import { FilterCard, FilterSelect, ListCard, useUrlPagination } from '../../components/list-controls';
import { useT } from '../../i18n';
import { PageContainer } from '../../layout/page-container';
import { dueState } from '../../lib/case-format';
import { formatDateTime } from '../../lib/format';
import { useAsync } from '../../lib/use-async';
import { useComplaintCatalog } from '../../lib/use-complaint-catalog';
import { useUrlQuery } from '../../lib/use-url-query';
import { respondentOf } from './complaint-format';
import './complaints.css';
import { ComplaintImportDialog } from './import-dialog';

/** Who may import another system's complaints (POST /complaints/import). */
const IMPORT_ROLES: Role[] = ['operator', 'officer', 'supervisor'];

interface Filters {
  state?: string;
  category?: string;
  phone?: string;
  callback?: boolean;
  notice?: boolean;
}

/**
 * 投诉工单: the complaints in the user's scope, newest first, filtered by state and category, by the caller's
 * phone, and by the two follow-up queues — callback due (closed, not called back) and notice due (the outcome must
 * be told by hand). Filters and paging live in the URL.
 */
export default function ComplaintsPage() {
  const t = useT();
  const { catalog, label, options } = useComplaintCatalog();
  const url = useUrlQuery();
  const [filterForm] = Form.useForm<Filters>();
  const { hasAnyRole } = useAuth();
  const [importing, setImporting] = useState(false);

  const state = url.get('state');
  const category = url.get('category');
  const phone = url.get('phone');
  const callback = url.get('callback') === 'pending';
  const notice = url.get('notice') === 'pending';
  const paging = useUrlPagination(url, 20);
  const { page, pageSize } = paging;

  const query: ComplaintListQuery = {
    state,
    category,
    phone,
    callback: callback ? 'pending' : undefined,
    notice: notice ? 'pending' : undefined,
    page,
    pageSize,
  };
  const list = useAsync((signal) => complaintsApi.list(query, signal), [url.key]);

  useEffect(() => {
    filterForm.setFieldsValue({ state, category, phone, callback, notice });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [filterForm, url.key]);

  const isOpen = (code: string) => catalog?.states.find((s) => s.code === code)?.open ?? false;

  const columns: TableColumnsType<Complaint> = [
    {
      title: t('complaints.col.trackingNo'),
      dataIndex: 'trackingNo',
      key: 'trackingNo',
      fixed: 'left',
      render: (no: string, c) => (
        <Link to={`/complaints/${c.id}`} className="case-number mono">
          {no}
        </Link>
      ),
    },
    {
      title: t('complaints.col.receivedAt'),
      dataIndex: 'receivedAt',
      key: 'receivedAt',
      render: (v: string) => formatDateTime(v),
    },
    {
      title: t('complaints.col.category'),
      dataIndex: 'category',
      key: 'category',
      render: (v: string) => label('categories', v),
    },
    {
      title: t('complaints.col.respondent'),
      key: 'respondent',
      render: (_, c) => (
        <Typography.Text ellipsis={{ tooltip: respondentOf(c) }} style={{ maxWidth: 220 }}>
          {respondentOf(c) || <span className="muted">{t('common.none')}</span>}
        </Typography.Text>
      ),
    },
    {
      title: t('complaints.col.region'),
      dataIndex: 'regionName',
      key: 'region',
      render: (v: string | null) => v ?? <span className="muted">{t('common.none')}</span>,
    },
    {
      title: t('complaints.col.office'),
      dataIndex: 'officeName',
      key: 'office',
      render: (v: string | null) =>
        v ? (
          <Typography.Text ellipsis={{ tooltip: v }} style={{ maxWidth: 200 }}>
            {v}
          </Typography.Text>
        ) : (
          <span className="muted">{t('complaints.unrouted')}</span>
        ),
    },
    {
      title: t('common.status'),
      dataIndex: 'state',
      key: 'state',
      render: (v: string) => <ComplaintStateTag state={v} label={label('states', v)} />,
    },
    {
      title: t('complaints.col.due'),
      key: 'due',
      render: (_, c) =>
        isOpen(c.state) && c.dueAt ? (
          <DueCell dueAt={c.dueAt} />
        ) : (
          <span className="muted">{t('common.none')}</span>
        ),
    },
    ...(callback
      ? [
          {
            title: t('complaints.col.closedAt'),
            key: 'closedAt',
            render: (_: unknown, c: Complaint) => (
              <span>
                {formatDateTime(c.closedAt)}
                {c.callbackAttempts ? (
                  <div className="muted">
                    {t('complaints.callback.attempts', { count: c.callbackAttempts })}
                  </div>
                ) : null}
              </span>
            ),
          },
        ]
      : []),
    ...(notice
      ? [
          {
            title: t('complaints.col.noticeDue'),
            key: 'noticeDue',
            render: (_: unknown, c: Complaint) =>
              c.noticeDueAt ? (
                <DueCell dueAt={c.noticeDueAt} />
              ) : (
                <span className="muted">{t('common.none')}</span>
              ),
          },
        ]
      : []),
  ];

  return (
    <PageContainer
      title={t('complaints.title')}
      extra={
        hasAnyRole(IMPORT_ROLES) ? (
          <Button icon={<UploadOutlined aria-hidden />} onClick={() => setImporting(true)}>
            {t('complaints.import')}
          </Button>
        ) : null
      }
    >
      <FilterCard
        form={filterForm}
        url={url}
        name="complaint-filter"
        onFinish={(v) =>
          url.update({
            state: v.state,
            category: v.category,
            phone: v.phone?.trim(),
            callback: v.callback ? 'pending' : undefined,
            notice: v.notice ? 'pending' : undefined,
          })
        }
      >
        <FilterSelect
          label={t('common.status')}
          name="state"
          style={{ width: 160 }}
          options={options('states')}
        />
        <FilterSelect
          label={t('complaints.col.category')}
          name="category"
          style={{ width: 160 }}
          options={options('categories')}
        />
        <Form.Item label={t('complaints.filter.phone')} name="phone">
          <Input allowClear style={{ width: 180 }} inputMode="tel" maxLength={30} />
        </Form.Item>
        <Form.Item name="callback" valuePropName="checked">
          <Checkbox>{t('complaints.filter.callbackPending')}</Checkbox>
        </Form.Item>
        <Form.Item name="notice" valuePropName="checked">
          <Checkbox>{t('complaints.filter.noticePending')}</Checkbox>
        </Form.Item>
      </FilterCard>

      <ListCard<Complaint>
        list={list}
        paging={paging}
        columns={columns}
        rowClassName={(c) =>
          isOpen(c.state) && c.dueAt && dueState(c.dueAt, null) === 'overdue' ? 'row-overdue' : ''
        }
        emptyText={t('complaints.empty')}
      />
      <ComplaintImportDialog
        open={importing}
        onClose={() => setImporting(false)}
        onImported={() => list.reload()}
      />
    </PageContainer>
  );
}
