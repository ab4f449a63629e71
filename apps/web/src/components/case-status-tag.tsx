import { Tag } from 'antd';
import { useT } from '../i18n';
import { useCatalog } from '../lib/use-catalog';

/** Preset tag colours (dark text on a light tint: readable at 4.5:1). The label always carries the meaning. */
const COLORS: Record<string, string> = {
  registered: 'cyan',
  investigating: 'blue',
  suspended: 'orange',
  notified: 'purple',
  hearing: 'purple',
  decided: 'geekblue',
  executing: 'gold',
  closed: 'green',
  archived: 'default',
  not_filed: 'default',
  referred_out: 'default',
  transferred_police: 'volcano',
};

/** The case's state as a tag, in the UI language. */
export function CaseStatusTag({ status, testId }: { status: string; testId?: string }) {
  const { label } = useCatalog();
  return (
    <Tag color={COLORS[status] ?? 'default'} data-testid={testId} data-status={status}>
      {label('states', status)}
    </Tag>
  );
}

/** The case's flags (大案要案, 重复侵权, 网络侵权) as tags; nothing when none is set. */
export function CaseFlags({
  major,
  repeatInfringer,
  online,
}: Record<'major' | 'repeatInfringer' | 'online', boolean>) {
  const { label } = useCatalog();
  if (!major && !repeatInfringer && !online) return null;
  return (
    <span className="case-flags">
      {major ? <Tag color="red">{label('flags', 'major')}</Tag> : null}
      {repeatInfringer ? <Tag color="magenta">{label('flags', 'repeat')}</Tag> : null}
      {online ? <Tag color="blue">{label('flags', 'online')}</Tag> : null}
    </span>
  );
}

/** 督办: the case is under joint supervision by a higher level. */
export function SupervisedTag({ supervised }: { supervised: boolean }) {
  const t = useT();
  if (!supervised) return null;
  return (
    <Tag color="volcano" data-testid="case-supervised">
      {t('cases.flag.supervised')}
    </Tag>
  );
}
