import {
  App,
  Button,
  Card,
  Checkbox,
  Col,
  ConfigProvider,
  Form,
  Input,
  Radio,
  Row,
  Select,
  Switch,
  Typography,
  type FormInstance,
  type FormItemProps,
  type InputProps,
  type ThemeConfig,
} from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  acceptanceRuleFor,
  complaintsApi,
  type Complaint,
  type ComplaintRequest,
  type OfficeSuggestion,
} from '../../api/complaints';
import { ApiError } from '../../api/http';
import type { Competence } from '../../api/types';
import { useMe } from '../../auth/auth-context';
import { FormProblemAlert } from '../../components/form-problem-alert';
import { OfficeSelect } from '../../components/office-select';
import { ProblemAlert } from '../../components/problem-alert';
import { RegionPicker } from '../../components/region-picker';
import { useLang, useT } from '../../i18n';
import { PageContainer } from '../../layout/page-container';
import { groupLabel } from '../../lib/a11y';
import { EMAIL_PATTERN, PHONE_PATTERN, respondentRule, trimmed, URL_PATTERN } from '../../lib/complaint-form';
import { applyProblemToForm, type FormProblem } from '../../lib/form-errors';
import { bilingual, useCatalog } from '../../lib/use-catalog';
import { useComplaintCatalog } from '../../lib/use-complaint-catalog';
import { useDebounced } from '../../lib/use-debounced';
import { AcceptanceRulePanel } from './acceptance-rule-panel';
import { CallerHistoryPanel } from './caller-history-panel';
import { DuplicatesPanel } from './duplicates-panel';
import { tabOutOfSelect } from './focus-next';
import { SavedResult } from './saved-result';
import { ShortcutHint } from './shortcut-hint';
import { useIdentifierCheck, type IdentifierCheck, type IdentifierKind } from './use-identifier-check';
import { NEXT_KEYS, SAVE_KEYS, shortcutLabels, useIntakeShortcuts } from './use-intake-shortcuts';

/*
 * The selects here have no clear button: in antd 6 it is a button in the tab order, one more stop between two
 * fields on every call. Typing another value replaces the old one.
 */

/** The form in the order of a call. `complainantIdent` is an ID card number or a credit code (told apart on save). */
interface Values {
  channel: ComplaintRequest['channel'];
  category?: ComplaintRequest['category'];
  anonymous: boolean;
  confidential: boolean;
  complainantPhone?: string;
  complainantName?: string;
  complainantIdent?: string;
  complainantOrg?: string;
  complainantEmail?: string;
  respondentName?: string;
  respondentUscc?: string;
  respondentShop?: string;
  respondentPlatform?: string;
  respondentUrl?: string;
  respondentAddress?: string;
  ipType?: ComplaintRequest['ipType'];
  rightNumber?: string;
  regionCode?: string;
  officeId?: string;
  description?: string;
}

/** Tighter rows than antd's default, so the whole call fits on one screen. */
const COMPACT: ThemeConfig = {
  components: { Form: { itemMarginBottom: 12, verticalLabelPadding: '0 0 4px' } },
};
const INITIAL: Values = { channel: 'phone', anonymous: false, confidential: false };
const FORM = 'intake';
/** Fields of the API the form shows under another name. */
const FIELD_ALIASES: Record<string, string> = {
  complainantIdNumber: 'complainantIdent',
  complainantUscc: 'complainantIdent',
};
const RESIDENT_ID = /^\d{17}[\dXx]$|^\d{15}$/;

/** A form item's feedback from a live identifier check (an error beside the field; what was recognised below). */
function checkFeedback(check: IdentifierCheck, recognised: string | undefined) {
  if (check.state === 'error') return { validateStatus: 'error' as const, help: check.message };
  // No `hasFeedback`: its icon wraps the input in another element, which would take the focus from the operator.
  if (check.state === 'checking') return { validateStatus: 'validating' as const };
  if (check.state === 'ok') {
    const warn = check.notes.length > 0;
    return {
      validateStatus: warn ? ('warning' as const) : ('success' as const),
      extra: [recognised, ...check.notes].filter(Boolean).join('；'),
    };
  }
  return {};
}

/** A one-line text field of the form: at most `max` characters, no browser autofill. */
function TextItem({
  max,
  inputMode,
  ...item
}: FormItemProps<Values> & { max: number; inputMode?: InputProps['inputMode'] }) {
  return (
    <Form.Item<Values> {...item}>
      <Input maxLength={max} inputMode={inputMode} autoComplete="off" />
    </Form.Item>
  );
}

/**
 * 来电登记 (12330 operator console, issue 5): one keyboard-first screen. The form on the left follows the call —
 * channel, category, the caller (phone first: it brings up their history), the respondent, the right and its
 * number (checked as typed), where it happens (region by name or 拼音), the office it goes to (suggested), the
 * matter. On the right, live: possible duplicates, the caller's history, the acceptance rule that will apply.
 * Ctrl+Enter (or Ctrl+S) saves and shows the tracking number to read out; Alt+N starts the next call.
 */
export default function IntakeConsolePage() {
  const t = useT();
  const { lang } = useLang();
  const me = useMe();
  const { modal } = App.useApp();
  const { catalog: workflow, options: workflowOptions } = useCatalog();
  const complaintCatalog = useComplaintCatalog();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<Complaint | null>(null);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [suggestion, setSuggestion] = useState<OfficeSuggestion | null>(null);
  const [officeTouched, setOfficeTouched] = useState(false);
  const nextRef = useRef<HTMLButtonElement>(null);
  const savingRef = useRef(false);
  const keys = useMemo(shortcutLabels, []);

  const values = (Form.useWatch([], form) ?? INITIAL) as Values;
  const category = complaintCatalog.catalog?.categories.find((c) => c.code === values.category);
  const anonymous = !!category?.anonymousAllowed && values.anonymous;
  const consultation = values.category === 'consultation';
  const ipType = workflow?.ipTypes.find((x) => x.code === values.ipType);

  const rightKinds = ipType?.rightNumberKinds ?? NO_KINDS;
  const rightCheck = useIdentifierCheck(values.rightNumber, rightKinds);
  const respondentUsccCheck = useIdentifierCheck(values.respondentUscc, USCC);
  const identKinds = RESIDENT_ID.test((values.complainantIdent ?? '').trim())
    ? RESIDENT_THEN_USCC
    : USCC_THEN_RESIDENT;
  const identCheck = useIdentifierCheck(anonymous ? undefined : values.complainantIdent, identKinds);

  // A save attempt leaves a field's error in the form; once the live check has a new answer, check the field again so
  // the error goes (or stays) with it.
  useRecheck(form, 'rightNumber', rightCheck.state);
  useRecheck(form, 'respondentUscc', respondentUsccCheck.state);
  useRecheck(form, 'complainantIdent', identCheck.state);

  // —— routing suggestion: the competent office for the IP type and region ——
  const routeKey = useDebounced(`${values.ipType ?? ''}|${values.regionCode ?? ''}`, 150);
  useEffect(() => {
    const [ip, region] = routeKey.split('|');
    if (!ip || !region) {
      setSuggestion(null);
      return;
    }
    const controller = new AbortController();
    complaintsApi.suggestedOffice({ ipType: ip, regionCode: region }, controller.signal).then(
      (s) => setSuggestion(s),
      () => setSuggestion(null),
    );
    return () => controller.abort();
  }, [routeKey]);
  useEffect(() => {
    if (!officeTouched) form.setFieldValue('officeId', suggestion?.id ?? undefined);
  }, [suggestion, officeTouched, form]);

  const focusFirst = useCallback(() => {
    window.setTimeout(() => document.getElementById(`${FORM}_channel`)?.focus(), 0);
  }, []);
  useEffect(focusFirst, [focusFirst]);

  // —— save ——
  const save = useCallback(async () => {
    if (savingRef.current || saved) return;
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      form.scrollToField(form.getFieldsError().find((f) => f.errors.length)?.name ?? 'category', {
        block: 'center',
        focus: true,
      });
      return;
    }
    const ident = anonymous ? undefined : trimmed(v.complainantIdent);
    const identIsId =
      identCheck.state === 'ok' ? identCheck.kind === 'resident_id' : RESIDENT_ID.test(ident ?? '');
    const body: ComplaintRequest = {
      channel: v.channel,
      category: v.category!,
      anonymous: anonymous || undefined,
      confidential: anonymous ? undefined : v.confidential,
      complainantName: anonymous ? undefined : trimmed(v.complainantName),
      complainantPhone: anonymous ? undefined : trimmed(v.complainantPhone),
      complainantIdNumber: ident && identIsId ? ident : undefined,
      complainantUscc: ident && !identIsId ? ident : undefined,
      complainantOrg: anonymous ? undefined : trimmed(v.complainantOrg),
      complainantEmail: anonymous ? undefined : trimmed(v.complainantEmail),
      respondentName: trimmed(v.respondentName),
      respondentUscc: trimmed(v.respondentUscc),
      respondentShop: trimmed(v.respondentShop),
      respondentPlatform: trimmed(v.respondentPlatform),
      respondentUrl: trimmed(v.respondentUrl),
      respondentAddress: trimmed(v.respondentAddress),
      ipType: v.ipType,
      rightNumber: trimmed(v.rightNumber),
      regionCode: v.regionCode,
      description: v.description?.trim() ?? '',
      // Only when the operator chose another office than the suggestion (the server routes the same way).
      officeId: v.officeId && v.officeId !== suggestion?.id ? v.officeId : undefined,
    };
    savingRef.current = true;
    setSaving(true);
    setProblem(null);
    try {
      const created = await complaintsApi.register(body);
      setSaved(created);
    } catch (error) {
      setProblem(applyProblemToForm(form, withFieldAliases(error)));
    } finally {
      savingRef.current = false;
      setSaving(false);
    }
  }, [form, saved, anonymous, identCheck, suggestion]);

  // The tracking number is read out; the next thing to do is the next call.
  useEffect(() => {
    if (saved) nextRef.current?.focus();
  }, [saved]);

  // —— next call ——
  const reset = useCallback(() => {
    form.resetFields();
    form.setFieldsValue(INITIAL);
    setSaved(null);
    setProblem(null);
    setSuggestion(null);
    setOfficeTouched(false);
    focusFirst();
  }, [form, focusFirst]);

  const next = useCallback(() => {
    if (savingRef.current) return;
    if (saved || !form.isFieldsTouched()) {
      reset();
      return;
    }
    modal.confirm({
      title: t('intake.discard.title'),
      content: t('intake.discard.content'),
      okText: t('intake.discard.ok'),
      cancelText: t('common.cancel'),
      onOk: reset,
    });
  }, [saved, form, modal, reset, t]);

  useIntakeShortcuts({ save: () => void save(), next });

  // —— rules that depend on the category ——
  const required = (field: string) => ({
    required: true,
    whitespace: true,
    message: t('common.required', { field }),
  });
  const chosen = (field: string) => ({ required: true, message: t('common.selectRequired', { field }) });
  const checkRule = (check: IdentifierCheck) => ({
    validator: () => (check.state === 'error' ? Promise.reject(new Error(check.message)) : Promise.resolve()),
  });

  const dupQuery = useMemo(
    () => ({
      respondentUscc: respondentUsccCheck.state === 'ok' ? respondentUsccCheck.normalized : undefined,
      rightNumber:
        rightCheck.state === 'ok'
          ? rightCheck.normalized
          : rightKinds.length
            ? undefined
            : trimmed(values.rightNumber),
      phone: anonymous ? undefined : trimmed(values.complainantPhone),
      respondentName: trimmed(values.respondentName),
    }),
    [
      respondentUsccCheck,
      rightCheck,
      rightKinds.length,
      values.rightNumber,
      values.complainantPhone,
      values.respondentName,
      anonymous,
    ],
  );
  const rule =
    values.category && complaintCatalog.catalog
      ? acceptanceRuleFor(complaintCatalog.catalog.acceptanceRules, values)
      : undefined;

  const optional = consultation ? ` ${t('intake.optional')}` : '';
  const locked = saving || !!saved;

  return (
    <PageContainer title={t('intake.title')}>
      <div aria-live="polite" aria-atomic="true">
        {saved ? (
          <SavedResult
            ref={nextRef}
            complaint={saved}
            ruleLabel={rule ? bilingual(rule, lang) : null}
            onNext={next}
            nextHint={keys.next}
          />
        ) : null}
      </div>
      <ProblemAlert className="form-alert" error={complaintCatalog.error} />
      <Row gutter={16} align="top">
        <Col xs={24} xl={15}>
          <Card size="small">
            <FormProblemAlert problem={problem} />
            {/* Tab out of a select right after a pick (see focus-next.ts) */}
            <div onKeyDown={tabOutOfSelect}>
              <ConfigProvider theme={COMPACT}>
                <Form<Values>
                  form={form}
                  name={FORM}
                  layout="vertical"
                  initialValues={INITIAL}
                  disabled={locked}
                  requiredMark
                  onFinish={() => void save()}
                  onValuesChange={(changed: Partial<Values>) => {
                    if ('officeId' in changed) setOfficeTouched(changed.officeId !== suggestion?.id);
                    if ('category' in changed) {
                      const next = complaintCatalog.catalog?.categories.find(
                        (c) => c.code === changed.category,
                      );
                      if (!next?.anonymousAllowed) form.setFieldValue('anonymous', false);
                      form.setFieldValue('confidential', changed.category === 'report');
                    }
                  }}
                >
                  <fieldset className="list-fieldset">
                    <legend>{t('intake.section.call')}</legend>
                    <div className="form-row">
                      <Form.Item
                        label={t('intake.field.channel')}
                        name="channel"
                        rules={[required(t('intake.field.channel'))]}
                      >
                        <Select
                          options={complaintCatalog.options('channels')}
                          showSearch={{ optionFilterProp: 'label' }}
                          loading={!complaintCatalog.catalog}
                        />
                      </Form.Item>
                      <div style={{ display: 'flex', gap: 16, alignItems: 'flex-start' }}>
                        <Form.Item
                          label={t('intake.field.category')}
                          name="category"
                          rules={[chosen(t('intake.field.category'))]}
                        >
                          <Radio.Group
                            optionType="button"
                            buttonStyle="solid"
                            options={complaintCatalog.options('categories')}
                            {...groupLabel(t('intake.field.category'), 'radiogroup')}
                          />
                        </Form.Item>
                        {category?.anonymousAllowed ? (
                          <Form.Item
                            label={t('intake.field.anonymous')}
                            name="anonymous"
                            valuePropName="checked"
                          >
                            <Switch />
                          </Form.Item>
                        ) : null}
                      </div>
                    </div>
                  </fieldset>

                  {anonymous ? (
                    <p className="muted" style={{ margin: '0 0 12px' }}>
                      {t('intake.anonymousHint')}
                    </p>
                  ) : (
                    <fieldset className="list-fieldset">
                      <legend>{t('intake.section.complainant')}</legend>
                      <div className="form-row-3 form-row">
                        <TextItem
                          label={t('intake.field.phone')}
                          name="complainantPhone"
                          rules={[
                            ...(consultation ? [] : [required(t('intake.field.phone'))]),
                            { pattern: PHONE_PATTERN, message: t('intake.error.phone') },
                          ]}
                          max={30}
                          inputMode="tel"
                        />
                        <TextItem
                          label={t('intake.field.name')}
                          name="complainantName"
                          rules={[required(t('intake.field.name'))]}
                          max={100}
                        />
                        <TextItem
                          label={t('intake.field.ident')}
                          name="complainantIdent"
                          rules={[checkRule(identCheck)]}
                          {...checkFeedback(
                            identCheck,
                            identCheck.kind === 'resident_id'
                              ? t('intake.ident.residentId')
                              : identCheck.kind
                                ? t('intake.ident.uscc')
                                : undefined,
                          )}
                          max={40}
                        />
                      </div>
                      <div className="form-row-3 form-row">
                        <TextItem label={t('intake.field.org')} name="complainantOrg" max={200} />
                        <TextItem
                          label={t('intake.field.email')}
                          name="complainantEmail"
                          rules={[{ pattern: EMAIL_PATTERN, message: t('intake.error.email') }]}
                          max={200}
                          inputMode="email"
                        />
                        <Form.Item
                          label={t('intake.field.confidentialLabel')}
                          name="confidential"
                          valuePropName="checked"
                          tooltip={t('intake.field.confidentialHint')}
                        >
                          <Checkbox>{t('intake.field.confidential')}</Checkbox>
                        </Form.Item>
                      </div>
                    </fieldset>
                  )}

                  <fieldset className="list-fieldset">
                    <legend>
                      {t('intake.section.respondent')}
                      {optional}
                    </legend>
                    <div className="form-row-3 form-row">
                      <TextItem
                        label={t('intake.field.respondentName')}
                        name="respondentName"
                        extra={consultation ? undefined : t('intake.hint.respondent')}
                        rules={[respondentRule(t('intake.error.respondent'), consultation)]}
                        max={200}
                      />
                      <TextItem
                        label={t('intake.field.respondentUscc')}
                        name="respondentUscc"
                        rules={[checkRule(respondentUsccCheck)]}
                        {...checkFeedback(
                          respondentUsccCheck,
                          respondentUsccCheck.normalized
                            ? t('intake.right.recognised', { number: respondentUsccCheck.normalized })
                            : undefined,
                        )}
                        max={40}
                      />
                      <TextItem label={t('intake.field.shop')} name="respondentShop" max={200} />
                    </div>
                    <div className="form-row-3 form-row">
                      <TextItem label={t('intake.field.platform')} name="respondentPlatform" max={100} />
                      <TextItem
                        label={t('intake.field.url')}
                        name="respondentUrl"
                        rules={[{ pattern: URL_PATTERN, message: t('intake.error.url') }]}
                        max={1000}
                        inputMode="url"
                      />
                      <TextItem label={t('intake.field.address')} name="respondentAddress" max={300} />
                    </div>
                  </fieldset>

                  <fieldset className="list-fieldset">
                    <legend>
                      {t('intake.section.right')}
                      {optional}
                    </legend>
                    <div className="form-row">
                      <Form.Item
                        label={t('intake.field.ipType')}
                        name="ipType"
                        rules={consultation ? [] : [chosen(t('intake.field.ipType'))]}
                      >
                        <Select
                          options={workflowOptions('ipTypes')}
                          showSearch={{ optionFilterProp: 'label' }}
                          onChange={() => form.validateFields(['rightNumber']).catch(() => undefined)}
                        />
                      </Form.Item>
                      <TextItem
                        label={t('intake.field.rightNumber')}
                        name="rightNumber"
                        rules={[checkRule(rightCheck)]}
                        {...(rightCheck.state === 'idle'
                          ? {
                              extra: values.ipType
                                ? rightKinds.length
                                  ? t('intake.hint.rightNumber')
                                  : t('intake.hint.rightNumberFree')
                                : t('intake.hint.rightNumberIpFirst'),
                            }
                          : checkFeedback(
                              rightCheck,
                              rightCheck.normalized
                                ? t('intake.right.recognised', { number: rightCheck.normalized })
                                : undefined,
                            ))}
                        max={64}
                      />
                    </div>
                    <div className="form-row">
                      <Form.Item
                        label={t('intake.field.region')}
                        name="regionCode"
                        extra={t('intake.hint.region')}
                        rules={consultation ? [] : [chosen(t('intake.field.region'))]}
                      >
                        <RegionPicker prefer={me.office.regionCode.slice(0, 2) + '0000'} allowClear={false} />
                      </Form.Item>
                      <Form.Item
                        label={t('intake.field.office')}
                        name="officeId"
                        extra={
                          suggestion?.id
                            ? values.officeId && values.officeId !== suggestion.id
                              ? t('intake.office.overridden', { name: suggestion.name ?? '' })
                              : t('intake.office.suggested')
                            : values.ipType && values.regionCode
                              ? t('intake.office.none', { office: me.office.name })
                              : t('intake.office.idle')
                        }
                      >
                        <OfficeSelect
                          currentLabel={
                            values.officeId && values.officeId === suggestion?.id
                              ? (suggestion.name ?? undefined)
                              : undefined
                          }
                          competence={ipType?.competence as Competence | undefined}
                        />
                      </Form.Item>
                    </div>
                  </fieldset>

                  <Form.Item
                    label={t('intake.field.description')}
                    name="description"
                    rules={[required(t('intake.field.description'))]}
                  >
                    <Input.TextArea rows={4} maxLength={20000} placeholder={t('intake.hint.description')} />
                  </Form.Item>

                  <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
                    <Button
                      type="primary"
                      htmlType="submit"
                      loading={saving}
                      disabled={locked}
                      aria-keyshortcuts={SAVE_KEYS}
                      data-testid="intake-save"
                    >
                      {t('intake.save')}
                      <ShortcutHint keys={keys.save} />
                    </Button>
                    <Button htmlType="button" onClick={next} disabled={saving} aria-keyshortcuts={NEXT_KEYS}>
                      {t('intake.next')}
                      <ShortcutHint keys={keys.next} />
                    </Button>
                  </div>
                </Form>
              </ConfigProvider>
            </div>
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <div style={{ display: 'flex', flexDirection: 'column', gap: 16, position: 'sticky', top: 72 }}>
            <DuplicatesPanel query={dupQuery} stateLabel={(code) => complaintCatalog.label('states', code)} />
            <CallerHistoryPanel
              phone={anonymous ? undefined : values.complainantPhone}
              label={complaintCatalog.label}
            />
            <AcceptanceRulePanel
              rules={complaintCatalog.catalog?.acceptanceRules}
              category={values.category}
              ipType={values.ipType}
              channel={values.channel}
            />
            <Typography.Paragraph className="muted" style={{ margin: 0 }}>
              {t('intake.shortcuts', { save: keys.save, next: keys.next })}
            </Typography.Paragraph>
          </div>
        </Col>
      </Row>
    </PageContainer>
  );
}

const NO_KINDS: readonly IdentifierKind[] = [];
const USCC = ['uscc'] as const;
const RESIDENT_THEN_USCC = ['resident_id', 'uscc'] as const;
const USCC_THEN_RESIDENT = ['uscc', 'resident_id'] as const;

function useRecheck(form: FormInstance<Values>, name: keyof Values, state: IdentifierCheck['state']): void {
  useEffect(() => {
    if (state !== 'checking' && form.getFieldError(name).length) {
      form.validateFields([name]).catch(() => undefined);
    }
  }, [form, name, state]);
}

/** The server's field errors under the names the form uses (an ID number or credit code share one field). */
function withFieldAliases(error: unknown): unknown {
  if (!(error instanceof ApiError) || !error.fieldErrors.length) return error;
  return new ApiError({
    ...error.problem,
    errors: error.fieldErrors.map((fe) => ({ ...fe, field: FIELD_ALIASES[fe.field] ?? fe.field })),
  });
}
