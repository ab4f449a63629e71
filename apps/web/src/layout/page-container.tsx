import { HomeOutlined } from '@ant-design/icons';
import { Breadcrumb, Typography } from 'antd';
import { useEffect, type ReactNode } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { useT } from '../i18n';
import { navTrail } from './nav';

interface Props {
  title: string;
  /**
   * A page below a nav entry (e.g. one case under 案件办理): its breadcrumb label. The nav entry then becomes a
   * link back to its list.
   */
  current?: string;
  /** actions on the right of the page header (primary action last) */
  extra?: ReactNode;
  children: ReactNode;
}

/** Breadcrumb + page header (h1 + actions) + body, as in Ant Design Pro's PageContainer. */
export function PageContainer({ title, current, extra, children }: Props) {
  const t = useT();
  const { pathname } = useLocation();
  const trail = navTrail(pathname);

  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [title, t]);

  const items = [
    {
      key: 'home',
      title:
        pathname === '/workbench' ? (
          <span aria-current="page">
            <HomeOutlined aria-hidden /> {t('nav.workbench')}
          </span>
        ) : (
          <Link to="/workbench">
            <HomeOutlined aria-hidden /> {t('nav.workbench')}
          </Link>
        ),
    },
    ...trail
      .filter((entry) => entry.path !== '/workbench')
      .map((entry, i, list) => ({
        key: entry.path,
        title:
          i < list.length - 1 ? (
            t(entry.labelKey)
          ) : current !== undefined ? (
            <Link to={entry.path}>{t(entry.labelKey)}</Link>
          ) : (
            <span aria-current="page">{t(entry.labelKey)}</span>
          ),
      })),
    ...(current !== undefined ? [{ key: 'current', title: <span aria-current="page">{current}</span> }] : []),
  ];

  return (
    <div className="page">
      <div className="page-header">
        {/* antd renders a <nav>; label it so it differs from the main navigation (aria-label is not in its types) */}
        <Breadcrumb items={items} {...({ 'aria-label': t('a11y.breadcrumb') } as object)} />
        <div className="page-header-row">
          <Typography.Title level={1} className="page-title">
            {title}
          </Typography.Title>
          {extra ? <div className="page-extra">{extra}</div> : null}
        </div>
      </div>
      <div className="page-body">{children}</div>
    </div>
  );
}
