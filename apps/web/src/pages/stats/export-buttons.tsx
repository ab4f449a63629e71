import { DownloadOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
import { useState } from 'react';
import type { ExportFormat } from '../../api/stats';
import { useT } from '../../i18n';

/**
 * 导出 CSV / 导出 Excel: downloads the same query as a file (an authenticated fetch handed to the browser as a
 * download). A failure goes to `onError`.
 */
export function ExportButtons({
  onExport,
  onError,
  disabled,
  label,
}: {
  onExport: (format: ExportFormat) => Promise<unknown>;
  onError: (error: unknown) => void;
  disabled?: boolean;
  /** what is exported, for the buttons' accessible names */
  label: string;
}) {
  const t = useT();
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const run = async (format: ExportFormat) => {
    onError(undefined);
    setBusy(format);
    try {
      await onExport(format);
    } catch (error) {
      onError(error);
    } finally {
      setBusy(null);
    }
  };
  return (
    <Space size={8} className="stats-export">
      {(['csv', 'xlsx'] as const).map((format) => (
        <Button
          key={format}
          size="small"
          icon={<DownloadOutlined aria-hidden />}
          loading={busy === format}
          disabled={disabled || (busy !== null && busy !== format)}
          aria-label={t(format === 'csv' ? 'stats.export.csvOf' : 'stats.export.xlsxOf', { what: label })}
          onClick={() => void run(format)}
        >
          {t(format === 'csv' ? 'stats.export.csv' : 'stats.export.xlsx')}
        </Button>
      ))}
    </Space>
  );
}
