import { Badge, Button, Form, Space, type FormInstance, type TablePaginationConfig } from 'antd';
import { useT } from '../i18n';
import type { useUrlQuery } from '../lib/use-url-query';

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
