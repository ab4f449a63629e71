import { Segmented } from 'antd';
import { useLang, useT, type Lang } from '../i18n';

/** 中文 / English. A radio group: one Tab stop, arrow keys switch. */
export function LanguageSwitch() {
  const { lang, setLang } = useLang();
  const t = useT();
  return (
    <Segmented<Lang>
      className="language-switch"
      size="small"
      value={lang}
      onChange={setLang}
      name="ui-language"
      aria-label={t('lang.label')}
      // the radios inside take the focus; the group itself need not be a second tab stop
      tabIndex={-1}
      options={[
        { label: <span lang="zh-CN">中文</span>, value: 'zh-CN' },
        { label: <span lang="en">English</span>, value: 'en' },
      ]}
    />
  );
}
