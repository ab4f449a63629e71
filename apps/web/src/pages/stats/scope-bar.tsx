import { InfoCircleOutlined, SyncOutlined } from '@ant-design/icons';
import { Tag, Tooltip } from 'antd';
import type { StatsScope } from '../../api/stats';
import { useT } from '../../i18n';

/**
 * What the figures cover: the region, the period and the one it is compared with; the summary that answered in a
 * tooltip, and 数据更新中 while changes wait to be projected into the summaries.
 */
export function ScopeBar({ scope }: { scope: StatsScope | undefined }) {
  const t = useT();
  if (!scope) return null;
  return (
    <div className="stats-scope" data-testid="stats-scope">
      <span className="stats-scope-region">{scope.regionName}</span>
      <span>{t('stats.scope.period', { from: scope.from, to: scope.to })}</span>
      <span className="muted">
        {t('stats.scope.comparedWith', { from: scope.previousFrom, to: scope.previousTo })}
      </span>
      <Tooltip title={t('stats.scope.source', { source: scope.source })}>
        <InfoCircleOutlined
          className="stats-scope-info"
          tabIndex={0}
          role="img"
          aria-label={t('stats.scope.source', { source: scope.source })}
        />
      </Tooltip>
      {scope.pendingChanges > 0 ? (
        <Tooltip
          title={t('stats.scope.pendingHint', {
            n: scope.pendingChanges > 10_000 ? '10,000+' : scope.pendingChanges,
          })}
        >
          <Tag
            icon={<SyncOutlined spin aria-hidden />}
            color="processing"
            tabIndex={0}
            data-testid="stats-pending"
          >
            {t('stats.scope.pending')}
          </Tag>
        </Tooltip>
      ) : null}
    </div>
  );
}
