import {
  Badge,
  Button,
  Card,
  Form,
  Select,
  Space,
  Table,
  type FormInstance,
  type SelectProps,
  type TablePaginationConfig,
  type TableProps,
} from 'antd';
import type { ReactNode } from 'react';
import { useT } from '../i18n';
import type { AsyncState } from '../lib/use-async';
import type { useUrlQuery } from '../lib/use-url-query';
import { ProblemAlert } from './problem-alert';

type UrlQuery = ReturnType<typeof useUrlQuery>;

/** The 查询 / 重置 pair that ends every filter form; reset clears the form and the URL query. */
export function FilterButtons({ form, url }: { form: FormInstance; url: UrlQuery }) {
  const t = useT();
  return (
    <Form.Item>
      <Space>
        <Button type="primary" htmlType="submit">
          {t('common.search')}
        </Button>
        <Button
          onClick={() => {
            form.resetFields();
            url.replaceAll({});
          }}
        >
          {t('common.reset')}
        </Button>
      </Space>
    </Form.Item>
  );
}

/** A list page's filter form in its card: the fields, then 查询 / 重置. `onFinish` writes the values to the URL. */
export function FilterCard<F>({
  form,
  url,
  name,
  onFinish,
  children,
}: {
  form: FormInstance<F>;
  url: UrlQuery;
  /** the form's name (its fields' ids start with it) */
  name: string;
  onFinish: (values: F) => void;
  children: ReactNode;
}) {
  return (
    <Card className="filter-card">
      <Form<F> form={form} layout="inline" className="filter-form" name={name} onFinish={onFinish}>
        {children}
        <FilterButtons form={form} url={url} />
      </Form>
    </Card>
  );
}

/** A choice in a filter form: clearable, 全部 while empty. */
export function FilterSelect({ label, name, ...select }: { label: string; name: string } & SelectProps) {
  const t = useT();
  return (
    <Form.Item label={label} name={name}>
      <Select allowClear placeholder={t('common.all')} {...select} />
    </Form.Item>
  );
}

/** Table paging kept in the URL (`page`, `pageSize`); changing the page size goes back to page 1. */
export function useUrlPagination(url: UrlQuery, defaultPageSize = 20) {
  const t = useT();
  const page = url.getNumber('page', 1);
  const pageSize = url.getNumber('pageSize', defaultPageSize);
  const config = (total: number | undefined): TablePaginationConfig => ({
    current: page,
    pageSize,
    total: total ?? 0,
    showSizeChanger: true,
    showTotal: (n) => t('common.total', { total: n }),
    onChange: (nextPage, nextSize) =>
      url.update({ page: nextSize !== pageSize ? 1 : nextPage, pageSize: nextSize }),
  });
  return { page, pageSize, config };
}

export type UrlPagination = ReturnType<typeof useUrlPagination>;

interface ListCardProps<T> extends Omit<TableProps<T>, 'rowKey' | 'dataSource' | 'loading' | 'pagination'> {
  /** the loaded page of the list */
  list: AsyncState<{ items: T[]; total: number }>;
  paging: UrlPagination;
  /** changes to the paging's config (another total text, say) */
  pagination?: Partial<TablePaginationConfig>;
  /** what the empty table says once loaded (antd's default if not given) */
  emptyText?: string;
  /** an action's problem, shown when the list itself loaded; closable */
  actionError?: unknown;
  onActionErrorClose?: () => void;
  /** shown above the problem (an action's result, say) */
  notice?: ReactNode;
}

/**
 * The table of a list page in its card: rows by id from the loaded page, paging from the URL, the problem of the
 * load (or of an action) above it.
 */
export function ListCard<T extends object>({
  list,
  paging,
  pagination,
  emptyText,
  actionError,
  onActionErrorClose,
  notice,
  ...table
}: ListCardProps<T>) {
  return (
    <Card>
      {notice}
      <ProblemAlert
        className="table-alert"
        error={list.error ?? actionError}
        onClose={actionError ? onActionErrorClose : undefined}
      />
      <Table<T>
        rowKey="id"
        dataSource={list.data?.items ?? []}
        loading={list.loading}
        scroll={{ x: 'max-content' }}
        pagination={{ ...paging.config(list.data?.total), ...pagination }}
        locale={emptyText === undefined ? undefined : { emptyText: list.loading ? ' ' : emptyText }}
        {...table}
      />
    </Card>
  );
}

/** The 启用 / 停用 status cell of a table row. */
export function ActiveBadge({ active }: { active: boolean }) {
  const t = useT();
  return (
    <Badge
      status={active ? 'success' : 'default'}
      text={active ? t('common.enabled') : t('common.disabled')}
    />
  );
}
