import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router-dom';
import { isApiError } from '../api/http';
import { useAuth } from '../auth/auth-context';
import { LanguageSwitch } from '../components/language-switch';
import { useLang, useT, type Lang, type TFunction } from '../i18n';
import { formatDateTime } from '../lib/format';
import { readableDetail } from '../lib/problem-text';

interface LoginForm {
  username: string;
  password: string;
}

function safeRedirect(from: unknown): string {
  return typeof from === 'string' &&
    from.startsWith('/') &&
    !from.startsWith('//') &&
    !from.startsWith('/login')
    ? from
    : '/workbench';
}

/** 401 bad credentials / 423 locked (until when) / network — rendered in the current language. */
function describeLoginError(error: unknown, t: TFunction, lang: Lang): { title: string; detail?: string } {
  if (!isApiError(error)) return { title: t('login.failed') };
  if (error.status === 0) return { title: t('error.network') };
  const title = error.problem.title || t('login.failed');
  const lockedUntil = typeof error.problem.lockedUntil === 'string' ? error.problem.lockedUntil : undefined;
  if (lockedUntil) return { title, detail: t('login.lockedUntil', { time: formatDateTime(lockedUntil) }) };
  return { title, detail: readableDetail(error.problem, lang) };
}

export default function LoginPage() {
  const t = useT();
  const { lang } = useLang();
  const { status, login } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [form] = Form.useForm<LoginForm>();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const target = safeRedirect((location.state as { from?: unknown } | null)?.from);

  useEffect(() => {
    document.title = `${t('login.title')} · ${t('app.name')}`;
  }, [t]);

  if (status === 'authenticated') return <Navigate to={target} replace />;

  const onFinish = async ({ username, password }: LoginForm) => {
    setSubmitting(true);
    setError(null);
    try {
      await login(username.trim(), password);
      navigate(target, { replace: true });
    } catch (err) {
      setError(err);
      form.setFieldValue('password', '');
      form.getFieldInstance('password')?.focus?.();
    } finally {
      setSubmitting(false);
    }
  };

  const message = error ? describeLoginError(error, t, lang) : null;

  return (
    <div className="login-page">
      <div className="login-lang">
        <LanguageSwitch />
      </div>
      <main className="login-main">
        <div className="login-brand">
          <span className="app-logo app-logo-large" aria-hidden>
            知
          </span>
          <Typography.Title level={1} className="login-product">
            {t('app.name')}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{t('login.subtitle')}</Typography.Paragraph>
        </div>
        <Card className="login-card">
          <Typography.Title level={2} className="login-heading">
            {t('login.title')}
          </Typography.Title>
          {message ? (
            <Alert
              className="login-error"
              type="error"
              showIcon
              title={message.title}
              description={message.detail}
              data-testid="login-error"
            />
          ) : null}
          <Form<LoginForm>
            form={form}
            layout="vertical"
            requiredMark={false}
            onFinish={onFinish}
            disabled={submitting}
            autoComplete="on"
          >
            <Form.Item
              label={t('login.username')}
              name="username"
              rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
            >
              <Input prefix={<UserOutlined aria-hidden />} autoFocus autoComplete="username" size="large" />
            </Form.Item>
            <Form.Item
              label={t('login.password')}
              name="password"
              rules={[{ required: true, message: t('login.passwordRequired') }]}
            >
              <Input.Password
                prefix={<LockOutlined aria-hidden />}
                autoComplete="current-password"
                size="large"
              />
            </Form.Item>
            <Button type="primary" htmlType="submit" block size="large" loading={submitting}>
              {t('login.submit')}
            </Button>
          </Form>
        </Card>
        <nav aria-label={t('public.navLabel')} style={{ marginTop: 16 }}>
          {t('public.loginLinks')} <Link to="/public/complaint">{t('public.nav.submit')}</Link>
          {' · '}
          <Link to="/public/track">{t('public.nav.track')}</Link>
        </nav>
      </main>
    </div>
  );
}
