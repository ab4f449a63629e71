import { ComingSoon } from '../components/coming-soon';
import { useT, type MessageKey } from '../i18n';
import { PageContainer } from '../layout/page-container';

/** Pages that later issues fill in: title, breadcrumb and an honest "coming later". */
export default function PlaceholderPage({ titleKey }: { titleKey: MessageKey }) {
  const t = useT();
  const title = t(titleKey);
  return (
    <PageContainer title={title}>
      <ComingSoon title={title} />
    </PageContainer>
  );
}
