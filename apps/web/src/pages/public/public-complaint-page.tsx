import { Alert, Button, Card, Checkbox, Form, Input, Radio, Result, Select, Space, Typography } from 'antd';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import type { ApiError } from '../../api/http';
import {
  newIdempotencyKey,
  publicComplaintsApi,
  type PublicComplaintRequest,
  type SubmitResult,
} from '../../api/public-complaints';
import { FormProblemAlert } from '../../components/form-problem-alert';
import { RegionPicker } from '../../components/region-picker';
import { useT } from '../../i18n';
import { EMAIL_PATTERN, PHONE_PATTERN, respondentRule, trimmed, URL_PATTERN } from '../../lib/complaint-form';
import { useFormSubmit } from '../../lib/use-form-submit';
import {
  ANONYMOUS_CATEGORIES,
  labelOf,
  PUBLIC_CATEGORIES,
  PUBLIC_IP_TYPES,
  type PublicCategory,
} from './public-labels';
import { usePublicTitle } from './public-layout';
import { RateLimitedAlert } from './rate-limited-alert';

interface Values {
  category: PublicCategory;
  anonymous?: boolean;
  confidential?: boolean;
  complainantName?: string;
  complainantPhone?: string;
  complainantEmail?: string;
  complainantOrg?: string;
  respondentName?: string;
  respondentShop?: string;
  respondentPlatform?: string;
  respondentUrl?: string;
  respondentAddress?: string;
  respondentUscc?: string;
  ipType?: string;
  rightNumber?: string;
  regionCode?: string;
  description?: string;
}

/** The request body from the (mounted) fields: trimmed, empty fields left out. */
function toRequest(v: Values): PublicComplaintRequest {
  const anonymous = ANONYMOUS_CATEGORIES.includes(v.category) && !!v.anonymous;
  const body: PublicComplaintRequest = {
    category: v.category,
    description: v.description?.trim() ?? '',
  };
  if (anonymous) body.anonymous = true;
  if (v.category === 'report') body.confidential = v.confidential !== false;
  const text: (keyof Values & keyof PublicComplaintRequest)[] = [
    'complainantName',
    'complainantPhone',
    'complainantEmail',
    'complainantOrg',
    'respondentName',
    'respondentShop',
    'respondentPlatform',
    'respondentUrl',
    'respondentAddress',
    'respondentUscc',
    'rightNumber',
  ];
  for (const key of text) {
    const value = trimmed(v[key] as string | undefined);
    if (value) (body as unknown as Record<string, string>)[key] = value;
  }
  if (anonymous) delete body.complainantName;
  if (v.ipType) body.ipType = v.ipType as PublicComplaintRequest['ipType'];
  if (v.regionCode) body.regionCode = v.regionCode;
  return body;
}

/** A part of the form in its own card, under an h2. */
function FormSection({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card className="public-card">
      <Typography.Title level={2} className="public-section">
        {title}
      </Typography.Title>
      {children}
    </Card>
  );
}

/**
 * The public 12330 form (no sign-in). Which fields it asks for follows the category the way the server validates:
 * anonymous only for reports and consultations, a phone unless anonymous or a consultation, respondent, IP type and
 * place for everything but a consultation. One Idempotency-Key per form fill, kept across retries, so a double
 * submit or a retry after a lost answer makes one complaint. Server field errors show beside their fields.
 */
export default function PublicComplaintPage() {
  const t = useT();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const category = Form.useWatch('category', form) ?? 'complaint';
  const anonymousChecked = Form.useWatch('anonymous', form);
  const keyRef = useRef(newIdempotencyKey());
  const inFlight = useRef(false);
  const { saving: submitting, problem, submit: send, clearProblem } = useFormSubmit(form);
  const [limited, setLimited] = useState<ApiError | null>(null);
  const [keyConflict, setKeyConflict] = useState(false);
  const [result, setResult] = useState<SubmitResult & { phoneGiven: boolean }>();
  const resultHeading = useRef<HTMLHeadingElement>(null);

  usePublicTitle(t('public.form.title'));

  const anonymousAllowed = ANONYMOUS_CATEGORIES.includes(category);
  const anonymous = anonymousAllowed && !!anonymousChecked;
  const consultation = category === 'consultation';
  const phoneRequired = !anonymous && !consultation;

  useEffect(() => {
    if (result) resultHeading.current?.focus();
  }, [result]);

  const submit = async (values: Values) => {
    if (inFlight.current) return; // a second click while the first is on its way
    inFlight.current = true;
    setLimited(null);
    setKeyConflict(false);
    const body = toRequest(values);
    try {
      await send(
        async () => {
          const res = await publicComplaintsApi.submit(body, keyRef.current);
          setResult({ ...res, phoneGiven: !!body.complainantPhone });
        },
        { 429: setLimited, 409: () => setKeyConflict(true) },
      );
    } finally {
      inFlight.current = false;
    }
  };

  const startOver = () => {
    keyRef.current = newIdempotencyKey();
    form.resetFields();
    setResult(undefined);
    clearProblem();
    setLimited(null);
    setKeyConflict(false);
  };

  if (result) {
    const { complaint, replayed, phoneGiven } = result;
    return (
      <Card className="public-card">
        <Result
          status="success"
          title={
            <h1 ref={resultHeading} tabIndex={-1} className="result-heading">
              {t('public.done.title')}
            </h1>
          }
          subTitle={
            <div>
              <div>{t('public.done.trackingNo')}</div>
              <Typography.Text
                className="tracking-number mono"
                data-testid="tracking-no"
                copyable={{ text: complaint.trackingNo, tooltips: [t('public.copy'), t('public.copied')] }}
              >
                {complaint.trackingNo}
              </Typography.Text>
              <Typography.Paragraph className="public-result-hint" strong>
                {phoneGiven ? t('public.done.keep') : t('public.done.noPhone')}
              </Typography.Paragraph>
              {complaint.officeName ? (
                <Typography.Paragraph>
                  {t('public.done.office', { office: complaint.officeName })}
                </Typography.Paragraph>
              ) : null}
              {replayed ? (
                <Typography.Paragraph type="secondary" data-testid="replayed">
                  {t('public.done.replayed')}
                </Typography.Paragraph>
              ) : null}
            </div>
          }
          extra={
            <Space wrap>
              {phoneGiven ? (
                <Button
                  type="primary"
                  onClick={() => navigate(`/public/track?no=${encodeURIComponent(complaint.trackingNo)}`)}
                >
                  {t('public.done.track')}
                </Button>
              ) : null}
              <Button onClick={startOver}>{t('public.done.another')}</Button>
            </Space>
          }
        />
      </Card>
    );
  }

  const required = (field: string) => [
    { required: true, whitespace: true, message: t('common.required', { field }) },
  ];
  /** A choice the server needs for everything but a consultation. */
  const chosenUnlessConsultation = (field: string) =>
    consultation ? [] : [{ required: true, message: t('common.selectRequired', { field }) }];

  return (
    <>
      <Typography.Title level={1} className="public-title">
        {t('public.form.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" className="public-intro">
        {t('public.form.intro')} <Link to="/public/track">{t('public.form.trackLink')}</Link>
      </Typography.Paragraph>

      {limited ? <RateLimitedAlert className="form-alert" error={limited} /> : null}
      {keyConflict ? (
        <Alert
          className="form-alert"
          type="warning"
          showIcon
          role="alert"
          title={t('public.form.keyConflict')}
          description={t('public.form.keyConflictHint')}
          action={
            <Button
              size="small"
              onClick={() => {
                keyRef.current = newIdempotencyKey();
                setKeyConflict(false);
                form.submit();
              }}
            >
              {t('public.form.submitAsNew')}
            </Button>
          }
        />
      ) : null}
      <FormProblemAlert problem={problem} />

      <Form<Values>
        form={form}
        layout="vertical"
        name="public-complaint"
        onFinish={submit}
        initialValues={{ category: 'complaint', confidential: true }}
        scrollToFirstError={{ block: 'center', focus: true }}
      >
        <FormSection title={t('public.form.section.category')}>
          <Form.Item
            name="category"
            label={t('public.form.category')}
            extra={t(`public.categoryHint.${category}`)}
          >
            <Radio.Group
              className="category-radio"
              optionType="button"
              buttonStyle="solid"
              options={PUBLIC_CATEGORIES.map((code) => ({
                value: code,
                label: labelOf(t, 'public.category.', code),
              }))}
            />
          </Form.Item>
          {anonymousAllowed ? (
            <Form.Item name="anonymous" valuePropName="checked" extra={t('public.form.anonymousHint')}>
              <Checkbox>{t('public.form.anonymous')}</Checkbox>
            </Form.Item>
          ) : null}
          {category === 'report' && !anonymous ? (
            <Form.Item name="confidential" valuePropName="checked">
              <Checkbox>{t('public.form.confidential')}</Checkbox>
            </Form.Item>
          ) : null}
        </FormSection>

        <FormSection title={t('public.form.section.you')}>
          <div className="public-form-row">
            {!anonymous ? (
              <Form.Item
                name="complainantName"
                label={t('public.form.name')}
                rules={required(t('public.form.name'))}
              >
                <Input maxLength={100} autoComplete="name" />
              </Form.Item>
            ) : null}
            <Form.Item
              name="complainantPhone"
              label={t('public.form.phone')}
              extra={phoneRequired ? t('public.form.phoneHint') : t('public.form.phoneOptionalHint')}
              rules={[
                ...(phoneRequired ? required(t('public.form.phone')) : []),
                { pattern: PHONE_PATTERN, message: t('public.form.phoneInvalid') },
              ]}
            >
              <Input maxLength={30} inputMode="tel" autoComplete="tel" />
            </Form.Item>
            <Form.Item
              name="complainantEmail"
              label={t('public.form.email')}
              rules={[{ pattern: EMAIL_PATTERN, message: t('public.form.emailInvalid') }]}
            >
              <Input maxLength={200} inputMode="email" autoComplete="email" />
            </Form.Item>
            {!anonymous ? (
              <Form.Item name="complainantOrg" label={t('public.form.org')}>
                <Input maxLength={200} autoComplete="organization" />
              </Form.Item>
            ) : null}
          </div>
        </FormSection>

        {!consultation ? (
          <FormSection title={t('public.form.section.respondent')}>
            <Typography.Paragraph type="secondary">{t('public.form.respondentHint')}</Typography.Paragraph>
            <div className="public-form-row">
              <Form.Item
                name="respondentName"
                label={t('public.form.respondentName')}
                dependencies={['respondentShop', 'respondentUrl']}
                rules={[respondentRule(t('public.form.respondentRequired'))]}
              >
                <Input maxLength={200} />
              </Form.Item>
              <Form.Item name="respondentUscc" label={t('public.form.respondentUscc')}>
                <Input maxLength={40} className="mono" />
              </Form.Item>
              <Form.Item name="respondentShop" label={t('public.form.respondentShop')}>
                <Input maxLength={200} />
              </Form.Item>
              <Form.Item name="respondentPlatform" label={t('public.form.respondentPlatform')}>
                <Input maxLength={100} />
              </Form.Item>
            </div>
            <Form.Item
              name="respondentUrl"
              label={t('public.form.respondentUrl')}
              rules={[{ pattern: URL_PATTERN, message: t('public.form.urlInvalid') }]}
            >
              <Input maxLength={1000} inputMode="url" placeholder="https://" />
            </Form.Item>
            <Form.Item name="respondentAddress" label={t('public.form.respondentAddress')}>
              <Input maxLength={300} />
            </Form.Item>
          </FormSection>
        ) : null}

        <FormSection title={t('public.form.section.right')}>
          <div className="public-form-row">
            <Form.Item
              name="ipType"
              label={t('public.form.ipType')}
              rules={chosenUnlessConsultation(t('public.form.ipType'))}
            >
              <Select
                allowClear
                options={PUBLIC_IP_TYPES.map((code) => ({
                  value: code,
                  label: labelOf(t, 'public.ipType.', code),
                }))}
              />
            </Form.Item>
            <Form.Item
              name="rightNumber"
              label={t('public.form.rightNumber')}
              extra={t('public.form.rightNumberHint')}
            >
              <Input maxLength={64} className="mono" />
            </Form.Item>
          </div>
          <Form.Item
            name="regionCode"
            label={t('public.form.region')}
            extra={t('public.form.regionExtra')}
            rules={chosenUnlessConsultation(t('public.form.region'))}
          >
            <RegionPicker source="public" />
          </Form.Item>
        </FormSection>

        <FormSection title={t('public.form.section.matter')}>
          <Form.Item
            name="description"
            label={t('public.form.description')}
            extra={t('public.form.descriptionHint')}
            rules={required(t('public.form.description'))}
          >
            <Input.TextArea rows={6} maxLength={20000} showCount />
          </Form.Item>
          <Typography.Paragraph type="secondary">{t('public.form.privacy')}</Typography.Paragraph>
          <Button type="primary" htmlType="submit" size="large" loading={submitting}>
            {t('public.form.submit')}
          </Button>
        </FormSection>
      </Form>
    </>
  );
}
