import { Tag } from 'antd';
import type { Role } from '../api/types';
import { useT } from '../i18n';

// Preset colours whose text keeps a 4.5:1 contrast on their tinted background.
const COLORS: Record<Role, string> = {
  operator: 'geekblue',
  officer: 'blue',
  supervisor: 'purple',
  admin: 'magenta',
};

export function RoleTags({ roles }: { roles: readonly Role[] }) {
  const t = useT();
  return (
    <span className="role-tags">
      {roles.map((role) => (
        <Tag key={role} color={COLORS[role]} variant="outlined">
          {t(`role.${role}`)}
        </Tag>
      ))}
    </span>
  );
}
