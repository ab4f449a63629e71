import { Typography } from 'antd';
import { useEffect } from 'react';
import { Link, NavLink, Outlet } from 'react-router-dom';
import { LanguageSwitch } from '../../components/language-switch';
import { useT } from '../../i18n';
import './public.css';

/** Sets the browser tab title of a public page. */
export function usePublicTitle(title: string): void {
  const t = useT();
  useEffect(() => {
    document.title = `${title} · ${t('public.hotline')}`;
  }, [title, t]);
}

/**
 * The frame of the public 12330 pages: no sign-in, no staff navigation — the hotline's name, the public pages
 * (complaint form, tracking, the credit registry, the published decisions), the language switch, and a footer
 * link for staff.
 */
export default function PublicLayout() {
  const t = useT();
  return (
    <div className="public-shell">
      <a className="skip-link" href="#public-main">
        {t('a11y.skipToContent')}
      </a>
      <header className="public-header">
        <Link to="/public/complaint" className="public-brand">
          <span className="public-brand-hotline" aria-hidden>
            12330
          </span>
          <span className="public-brand-name">{t('public.hotline')}</span>
        </Link>
        <nav className="public-nav" aria-label={t('public.navLabel')}>
          <NavLink to="/public/complaint">{t('public.nav.submit')}</NavLink>
          <NavLink to="/public/track">{t('public.nav.track')}</NavLink>
          <NavLink to="/public/credit">{t('public.nav.credit')}</NavLink>
          <NavLink to="/public/decisions">{t('public.nav.decisions')}</NavLink>
          <LanguageSwitch />
        </nav>
      </header>
      <main id="public-main" className="public-main" tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="public-footer">
        <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
          {t('public.footer.phone')}
        </Typography.Paragraph>
        <Link to="/login">{t('public.footer.staff')}</Link>
      </footer>
    </div>
  );
}
