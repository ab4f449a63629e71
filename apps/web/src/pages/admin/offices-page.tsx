import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, Tag, type TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { officesApi } from '../../api/endpoints';
import type { Competence, Office } from '../../api/types';
import { ActiveBadge, FilterCard, ListCard, useUrlPagination } from '../../components/list-controls';
import { RegionCascader } from '../../components/region-cascader';
import { useT } from '../../i18n';
import { PageContainer } from '../../layout/page-container';
import { useAsync } from '../../lib/use-async';
import { useUrlQuery } from '../../lib/use-url-query';
import { OfficeFormDrawer } from './office-form-drawer';

interface Filters {
  q?: string;
  /** region subtree */
  within?: string;
}

export default function OfficesPage() {
  const t = useT();
  const url = useUrlQuery();
  const [filterForm] = Form.useForm<Filters>();
  const [editing, setEditing] = useState<Office | 'new' | null>(null);

  const q = url.get('q');
  const within = url.get('within');
  const paging = useUrlPagination(url, 20);
  const { page, pageSize } = paging;

  const list = useAsync((signal) => officesApi.list({ q, within, page, pageSize }, signal), [url.key]);

  useEffect(() => {
    filterForm.setFieldsValue({ q, within });
  }, [filterForm, q, within]);

  const columns: TableColumnsType<Office> = [
    { title: t('offices.name'), dataIndex: 'name', key: 'name' },
    { title: t('offices.shortName'), dataIndex: 'shortName', key: 'shortName' },
    {
      title: t('offices.region'),
      dataIndex: 'regionName',
      key: 'regionName',
      render: (name: string, office) => (
        <span>
          {name} <span className="muted">{office.regionCode}</span>
        </span>
      ),
    },
    {
      title: t('offices.level'),
      dataIndex: 'level',
      key: 'level',
      render: (level: Office['level']) => t(`level.${level}`),
    },
    {
      title: t('offices.competences'),
      dataIndex: 'competences',
      key: 'competences',
      render: (list: Competence[]) => list.map((c) => <Tag key={c}>{t(`competence.${c}`)}</Tag>),
    },
    {
      title: t('common.status'),
      dataIndex: 'active',
      key: 'active',
      render: (active: boolean) => <ActiveBadge active={active} />,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, office) => (
        <Button
          type="link"
          size="small"
          icon={<EditOutlined aria-hidden />}
          onClick={() => setEditing(office)}
          aria-label={`${t('common.edit')} ${office.name}`}
        >
          {t('common.edit')}
        </Button>
      ),
    },
  ];

  return (
    <PageContainer
      title={t('offices.title')}
      extra={
        <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing('new')}>
          {t('offices.create')}
        </Button>
      }
    >
      <FilterCard
        form={filterForm}
        url={url}
        name="office-filter"
        onFinish={(v) => url.update({ q: v.q?.trim(), within: v.within })}
      >
        <Form.Item label={t('common.keyword')} name="q">
          <Input allowClear placeholder={t('offices.searchPlaceholder')} style={{ width: 220 }} />
        </Form.Item>
        <Form.Item label={t('offices.region')} name="within">
          <RegionCascader style={{ width: 280 }} />
        </Form.Item>
      </FilterCard>
      <ListCard<Office> list={list} paging={paging} columns={columns} />
      <OfficeFormDrawer
        open={editing !== null}
        office={editing === 'new' ? null : editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          list.reload();
        }}
        onStale={() => list.reload()}
      />
    </PageContainer>
  );
}
