import { EyeOutlined } from '@ant-design/icons';
import { App, Button, Tooltip } from 'antd';
import { useState } from 'react';
import { isApiError } from '../api/http';
import { useLang, useT } from '../i18n';
import { readableDetail } from '../lib/problem-text';

interface Props {
  /** the value as the server sends it in views: masked (138****5678), or null */
  value: string | null | undefined;
  /** the full value, once revealed */
  full?: string | null;
  /** what the value is, for the button's accessible name ("Show the full phone") */
  field: string;
  /** asks the server for the full value (an audited reveal); absent when the user's role may not */
  onReveal?: () => Promise<unknown>;
}

/**
 * A phone, ID number or e-mail address as staff views show it — masked (issue 9) — with 显示 / Show for those whose
 * work needs the full value. Showing it is an audited request to the server, never a client-side toggle.
 */
export function MaskedValue({ value, full, field, onReveal }: Props) {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  if (value === null || value === undefined || value === '') {
    return <span className="muted">{t('common.none')}</span>;
  }
  if (full) return <span className="mono">{full}</span>;
  const reveal = async () => {
    setBusy(true);
    try {
      await onReveal?.();
    } catch (err) {
      const problem = isApiError(err) ? err.problem : null;
      message.error(
        problem
          ? [problem.title, readableDetail(problem, lang)].filter(Boolean).join('：')
          : t('personalData.failed'),
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="masked-value">
      <span className="mono">{value}</span>
      {onReveal ? (
        <Tooltip title={t('personalData.audited')}>
          <Button
            type="link"
            size="small"
            icon={<EyeOutlined aria-hidden />}
            loading={busy}
            onClick={reveal}
            aria-label={t('personalData.showLabel', { field })}
          >
            {t('personalData.show')}
          </Button>
        </Tooltip>
      ) : null}
    </span>
  );
}
