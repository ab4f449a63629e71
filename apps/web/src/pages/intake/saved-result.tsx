import { CheckCircleFilled } from '@ant-design/icons';
import { Button, Card, Descriptions, Typography } from 'antd';
import { forwardRef } from 'react';
import type { Complaint } from '../../api/complaints';
import { useT } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { ShortcutHint } from './shortcut-hint';
import { NEXT_KEYS } from './use-intake-shortcuts';

interface Props {
  complaint: Complaint;
  ruleLabel: string | null;
  onNext: () => void;
  nextHint: string;
}

/** Groups of the tracking number for reading out: 12330 - 261125 - 000123. */
const spoken = (trackingNo: string) => trackingNo.split('-').join(' - ');

/**
 * 登记成功: the tracking number, large and copyable, to read out to the caller, the office it went to and the
 * acceptance deadline; the "next call" button takes the focus.
 */
export const SavedResult = forwardRef<HTMLButtonElement, Props>(function SavedResult(
  { complaint, ruleLabel, onNext, nextHint },
  nextRef,
) {
  const t = useT();
  return (
    <Card
      data-testid="intake-saved"
      style={{ borderColor: '#389e0d', marginBottom: 16 }}
      styles={{ body: { display: 'flex', gap: 24, alignItems: 'center', flexWrap: 'wrap' } }}
    >
      <div style={{ flex: '1 1 320px' }}>
        <Typography.Title level={2} style={{ fontSize: 18, marginTop: 0 }}>
          <CheckCircleFilled aria-hidden style={{ color: '#389e0d', marginInlineEnd: 8 }} />
          {t('intake.saved.title')}
        </Typography.Title>
        <div className="muted">{t('intake.saved.readOut')}</div>
        <Typography.Text
          copyable={{
            text: complaint.trackingNo,
            tooltips: [t('intake.saved.copy'), t('intake.saved.copied')],
          }}
          className="mono"
          data-testid="intake-tracking-no"
          style={{ fontSize: 34, fontWeight: 700, letterSpacing: 1 }}
          aria-label={t('intake.saved.trackingNoLabel', { no: spoken(complaint.trackingNo) })}
        >
          {complaint.trackingNo}
        </Typography.Text>
      </div>
      <Descriptions
        size="small"
        column={1}
        style={{ flex: '1 1 280px' }}
        items={[
          { key: 'office', label: t('intake.saved.office'), children: complaint.officeName ?? '—' },
          {
            key: 'due',
            label: t('intake.saved.due'),
            children: complaint.dueAt
              ? `${formatDateTime(complaint.dueAt)}${ruleLabel ? `（${ruleLabel}）` : ''}`
              : '—',
          },
          {
            key: 'received',
            label: t('intake.saved.received'),
            children: formatDateTime(complaint.receivedAt),
          },
        ]}
      />
      <Button
        type="primary"
        size="large"
        ref={nextRef}
        onClick={onNext}
        data-testid="intake-next"
        aria-keyshortcuts={NEXT_KEYS}
      >
        {t('intake.next')}
        <ShortcutHint keys={nextHint} />
      </Button>
    </Card>
  );
});
