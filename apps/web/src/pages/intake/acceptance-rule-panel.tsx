import { Card, Typography } from 'antd';
import { acceptanceRuleFor, type AcceptanceRule } from '../../api/complaints';
import { useLang, useT, type MessageKey } from '../../i18n';
import { bilingual } from '../../lib/use-catalog';

const UNIT_KEYS: Record<string, MessageKey> = {
  WD: 'intake.unit.WD',
  ND: 'intake.unit.ND',
  HOUR: 'intake.unit.HOUR',
  MONTH: 'intake.unit.MONTH',
};

interface Props {
  rules: readonly AcceptanceRule[] | undefined;
  category?: string;
  ipType?: string;
  channel?: string;
}

/** 受理时限: which acceptance rule the complaint will get, for how long, and on what legal basis. */
export function AcceptanceRulePanel({ rules, category, ipType, channel }: Props) {
  const t = useT();
  const { lang } = useLang();
  const rule = category && rules ? acceptanceRuleFor(rules, { category, ipType, channel }) : undefined;
  return (
    <Card
      size="small"
      title={<span id="intake-rule-title">{t('intake.rule.title')}</span>}
      data-testid="intake-rule"
    >
      {!category ? (
        <p className="muted" style={{ margin: 0 }}>
          {t('intake.rule.idle')}
        </p>
      ) : !rule ? (
        <p className="muted" style={{ margin: 0 }}>
          {t('intake.rule.none')}
        </p>
      ) : (
        <div aria-labelledby="intake-rule-title">
          <Typography.Text strong>{bilingual(rule, lang)}</Typography.Text>
          <div>
            {t('intake.rule.period', {
              period: t(UNIT_KEYS[rule.unit] ?? 'intake.unit.ND', { n: rule.amount }),
            })}
          </div>
          <div className="muted">{t('intake.rule.basis', { source: rule.source })}</div>
        </div>
      )}
    </Card>
  );
}
