import { Alert, Button, Card, Descriptions, Form, Input, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { isApiError } from '../../api/http';
import { publicComplaintsApi, type PublicComplaint } from '../../api/public-complaints';
import { ComplaintStateTag } from '../../components/complaint-state-tag';
import { ProblemAlert } from '../../components/problem-alert';
import { useLang, useT } from '../../i18n';
import { bilingual } from '../../lib/use-catalog';
import { labelOf } from './public-labels';
import { usePublicTitle } from './public-layout';
import { RateLimitedAlert } from './rate-limited-alert';

interface Values {
  trackingNo: string;
  phoneLast4: string;
}

/**
 * 查询办理进度: the tracking number and the last four digits of the phone given → state, handling office, answer,
 * the case it became, or the complaint it was merged into. The server sends no personal data and answers a wrong
 * number and wrong digits with the same message. The digits are never put in the address bar.
 */
export default function PublicTrackPage() {
  const t = useT();
  const { lang } = useLang();
  const [params, setParams] = useSearchParams();
  const [form] = Form.useForm<Values>();
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [found, setFound] = useState<PublicComplaint | null>(null);
  const resultRef = useRef<HTMLHeadingElement>(null);

  usePublicTitle(t('public.track.title'));

  // the number from the link (after submitting the form), read once: later lookups only update the address
  const [initialNo] = useState(() => params.get('no') ?? '');
  useEffect(() => {
    // focus the first empty field: with a number from the link, the digits
    window.setTimeout(() => form.getFieldInstance(initialNo ? 'phoneLast4' : 'trackingNo')?.focus?.(), 0);
  }, [form, initialNo]);

  useEffect(() => {
    if (found) resultRef.current?.focus();
  }, [found]);

  const lookUp = async ({ trackingNo, phoneLast4 }: Values) => {
    setLoading(true);
    setError(null);
    setFound(null);
    const no = trackingNo.trim();
    try {
      setFound(await publicComplaintsApi.track(no, phoneLast4.trim()));
      if (no !== params.get('no')) setParams({ no }, { replace: true });
    } catch (err) {
      setError(err);
    } finally {
      setLoading(false);
    }
  };

  const limited = isApiError(error) && error.status === 429 ? error : null;

  return (
    <>
      <Typography.Title level={1} className="public-title">
        {t('public.track.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" className="public-intro">
        {t('public.track.intro')}
      </Typography.Paragraph>

      <Card className="public-card">
        <Form<Values>
          form={form}
          initialValues={{ trackingNo: initialNo }}
          layout="vertical"
          name="public-track"
          onFinish={lookUp}
          requiredMark={false}
        >
          <div className="public-form-row">
            <Form.Item
              name="trackingNo"
              label={t('public.track.number')}
              rules={[{ required: true, whitespace: true, message: t('public.track.numberRequired') }]}
            >
              <Input maxLength={40} className="mono" placeholder="12330-260101-000001" autoComplete="off" />
            </Form.Item>
            <Form.Item
              name="phoneLast4"
              label={t('public.track.last4')}
              rules={[{ required: true, pattern: /^\s*\d{4}\s*$/, message: t('public.track.last4Invalid') }]}
            >
              <Input maxLength={4} inputMode="numeric" autoComplete="off" />
            </Form.Item>
          </div>
          <Button type="primary" htmlType="submit" loading={loading}>
            {t('public.track.submit')}
          </Button>
        </Form>
      </Card>

      {limited ? (
        <RateLimitedAlert className="public-card" style={{ marginTop: 16 }} error={limited} />
      ) : isApiError(error) && error.status === 404 ? (
        <Alert
          style={{ marginTop: 16 }}
          type="error"
          showIcon
          role="alert"
          data-testid="track-not-found"
          title={t('public.track.notFound')}
          description={t('public.track.notFoundHint')}
        />
      ) : error ? (
        <div role="alert" style={{ marginTop: 16 }}>
          <ProblemAlert error={error} />
        </div>
      ) : null}

      {found ? (
        <Card className="public-card" data-testid="track-result">
          <Typography.Title level={2} className="public-section" ref={resultRef} tabIndex={-1}>
            {t('public.track.result', { no: found.trackingNo })}
          </Typography.Title>
          <Descriptions
            column={1}
            bordered
            size="middle"
            items={[
              {
                key: 'state',
                label: t('public.track.state'),
                children: (
                  <ComplaintStateTag
                    state={found.state}
                    label={labelOf(t, 'public.state.', found.state)}
                    testId="track-state"
                  />
                ),
              },
              {
                key: 'category',
                label: t('public.track.category'),
                children: labelOf(t, 'public.category.', found.category),
              },
              { key: 'received', label: t('public.track.receivedOn'), children: found.receivedOn },
              {
                key: 'office',
                label: t('public.track.office'),
                children: found.officeName ?? t('public.track.officePending'),
              },
              ...(found.caseNumber
                ? [
                    {
                      key: 'case',
                      label: t('public.track.case'),
                      children: (
                        <span data-testid="track-case">
                          <span className="mono">{found.caseNumber}</span>
                          {found.caseState ? (
                            <Tag style={{ marginInlineStart: 8 }}>{bilingual(found.caseState, lang)}</Tag>
                          ) : null}
                        </span>
                      ),
                    },
                  ]
                : []),
              ...(found.mergedInto
                ? [
                    {
                      key: 'merged',
                      label: t('public.track.mergedInto'),
                      children: (
                        <span data-testid="track-merged">
                          {t('public.track.mergedHint', { no: found.mergedInto })}
                        </span>
                      ),
                    },
                  ]
                : []),
              {
                key: 'answer',
                label: t('public.track.answer'),
                children: found.answer ? (
                  <div className="public-answer" data-testid="track-answer">
                    {found.answer}
                  </div>
                ) : (
                  <span className="muted">{t('public.track.noAnswer')}</span>
                ),
              },
            ]}
          />
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
            {t('public.track.more')} <Link to="/public/complaint">{t('public.track.newComplaint')}</Link>
          </Typography.Paragraph>
        </Card>
      ) : null}
    </>
  );
}
