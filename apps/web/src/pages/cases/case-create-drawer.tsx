import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Checkbox,
  DatePicker,
  Divider,
  Form,
  Input,
  InputNumber,
  Select,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { casesApi } from '../../api/cases';
import type { CaseDetail, CreateCaseRequest, PartyInput, RightInput } from '../../api/types';
import { useMe } from '../../auth/auth-context';
import { FormDrawer } from '../../components/form-drawer';
import { ProblemAlert } from '../../components/problem-alert';
import { RegionCascader } from '../../components/region-cascader';
import { useT } from '../../i18n';
import { applyProblemToForm, type FormProblem } from '../../lib/form-errors';
import { shanghaiDate } from '../../lib/format';
import { yuanToFen } from '../../lib/money';
import { useCatalog } from '../../lib/use-catalog';
import { cleanParty, PartyFields, RightFields } from './party-fields';
import { useOfficerCandidates } from './use-officer-candidates';

interface Values {
  title: string;
  ipType?: string;
  procedure?: string;
  source?: string;
  regionCode?: string;
  receivedOn?: Dayjs | null;
  summary?: string;
  /** yuan in the form */
  valueFen?: number | null;
  flags?: ('major' | 'repeatInfringer' | 'online')[];
  officerIds?: string[];
  parties?: Partial<PartyInput>[];
  rights?: Partial<RightInput>[];
}

interface Props {
  open: boolean;
  onClose: () => void;
  onCreated: (created: CaseDetail) => void;
}

/**
 * 登记案件: title, IP type, the procedures that accept it, the sources that procedure allows, where it happened
 * (within the office's region), parties and rights. The server's field errors land next to their fields.
 */
export function CaseCreateDrawer({ open, onClose, onCreated }: Props) {
  const t = useT();
  const me = useMe();
  const { message } = App.useApp();
  const { catalog, options } = useCatalog();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const ipType = Form.useWatch('ipType', form);
  const procedureCode = Form.useWatch('procedure', form);
  // The registering officer is preselected: label him before the office's list arrives.
  const preselected = useMemo(
    () =>
      me.roles.includes('officer')
        ? [{ userId: me.id, username: me.username, displayName: me.displayName }]
        : [],
    [me],
  );
  const candidates = useOfficerCandidates(open ? me.office.id : undefined, preselected);
  const today = shanghaiDate();

  const procedures = (catalog?.procedures ?? []).filter((p) => !ipType || p.ipTypes.includes(ipType));
  const procedure = catalog?.procedures.find((p) => p.code === procedureCode);

  useEffect(() => {
    if (!open) return;
    setProblem(null);
    form.resetFields();
    form.setFieldsValue({
      receivedOn: dayjs(today),
      regionCode: me.office.regionCode,
      officerIds: me.roles.includes('officer') ? [me.id] : [],
      parties: [{ role: 'respondent', kind: 'enterprise' }],
      rights: [],
      flags: [],
    });
  }, [open, form, me, today]);

  const submit = async (values: Values) => {
    setSaving(true);
    setProblem(null);
    const flags = new Set(values.flags ?? []);
    const body: CreateCaseRequest = {
      title: values.title.trim(),
      ipType: values.ipType as CreateCaseRequest['ipType'],
      procedure: values.procedure as CreateCaseRequest['procedure'],
      source: values.source as CreateCaseRequest['source'],
      regionCode: values.regionCode ?? '',
      receivedOn: values.receivedOn ? values.receivedOn.format('YYYY-MM-DD') : undefined,
      summary: values.summary?.trim() || undefined,
      valueFen: yuanToFen(values.valueFen),
      major: flags.has('major'),
      repeatInfringer: flags.has('repeatInfringer'),
      online: flags.has('online'),
      officerIds: values.officerIds?.length ? values.officerIds : undefined,
      parties: (values.parties ?? []).map((p) => cleanParty(p) as PartyInput),
      rights: (values.rights ?? []).map((r) => cleanParty(r) as RightInput),
    };
    try {
      const created = await casesApi.create(body);
      message.success(t('cases.created'));
      onCreated(created);
    } catch (err) {
      setProblem(applyProblemToForm(form, err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <FormDrawer
      open={open}
      title={t('cases.create')}
      size={720}
      saving={saving}
      problem={problem}
      onClose={onClose}
      onSave={() => form.submit()}
    >
      <Form<Values> form={form} layout="vertical" name="case-create" onFinish={submit} disabled={saving}>
        <Form.Item
          label={t('cases.field.title')}
          name="title"
          rules={[
            {
              required: true,
              whitespace: true,
              message: t('common.required', { field: t('cases.field.title') }),
            },
          ]}
        >
          <Input maxLength={200} autoFocus placeholder={t('cases.field.titlePlaceholder')} />
        </Form.Item>
        <div className="form-row form-row-3">
          <Form.Item
            label={t('cases.field.ipType')}
            name="ipType"
            rules={[
              { required: true, message: t('common.selectRequired', { field: t('cases.field.ipType') }) },
            ]}
          >
            <Select
              options={options('ipTypes')}
              onChange={(value: string) => {
                const current = catalog?.procedures.find((p) => p.code === form.getFieldValue('procedure'));
                if (current && !current.ipTypes.includes(value))
                  form.setFieldsValue({ procedure: undefined, source: undefined });
              }}
            />
          </Form.Item>
          <Form.Item
            label={t('cases.field.procedure')}
            name="procedure"
            rules={[
              { required: true, message: t('common.selectRequired', { field: t('cases.field.procedure') }) },
            ]}
          >
            <Select
              options={options(
                'procedures',
                procedures.map((p) => p.code),
              )}
              onChange={(value: string) => {
                const next = catalog?.procedures.find((p) => p.code === value);
                const source = form.getFieldValue('source') as string | undefined;
                if (source && next && !next.sources.includes(source))
                  form.setFieldsValue({ source: undefined });
              }}
            />
          </Form.Item>
          <Form.Item
            label={t('cases.field.source')}
            name="source"
            rules={[
              { required: true, message: t('common.selectRequired', { field: t('cases.field.source') }) },
            ]}
          >
            <Select options={options('sources', procedure?.sources)} disabled={!procedure} />
          </Form.Item>
        </div>
        <div className="form-row">
          <Form.Item
            label={t('cases.field.region')}
            name="regionCode"
            extra={t('cases.field.regionHint', { region: me.region.name })}
            rules={[
              { required: true, message: t('common.selectRequired', { field: t('cases.field.region') }) },
            ]}
          >
            <RegionCascader />
          </Form.Item>
          <Form.Item label={t('cases.field.receivedOn')} name="receivedOn">
            <DatePicker
              allowClear={false}
              disabledDate={(d) => d.format('YYYY-MM-DD') > today}
              style={{ width: '100%' }}
            />
          </Form.Item>
        </div>
        <Form.Item label={t('cases.field.summary')} name="summary">
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
        <div className="form-row">
          <Form.Item label={t('cases.field.value')} name="valueFen">
            <InputNumber<number>
              min={0}
              precision={2}
              step={100}
              suffix={t('cases.yuan')}
              style={{ width: '100%' }}
            />
          </Form.Item>
          <Form.Item label={t('cases.field.flags')} name="flags">
            <Checkbox.Group
              options={[
                { value: 'major', label: t('cases.flag.major') },
                { value: 'repeatInfringer', label: t('cases.flag.repeat') },
                { value: 'online', label: t('cases.flag.online') },
              ]}
            />
          </Form.Item>
        </div>
        <Form.Item
          label={t('cases.officers')}
          name="officerIds"
          extra={
            procedure
              ? procedure.kind === 'adjudication'
                ? t('cases.req.panelRule')
                : t('cases.req.officersRule', { min: procedure.minOfficers })
              : undefined
          }
        >
          <Select
            mode="multiple"
            options={candidates.options}
            loading={candidates.loading}
            optionFilterProp="label"
          />
        </Form.Item>
        <ProblemAlert className="form-alert" error={candidates.error} />

        <Divider titlePlacement="start">{t('cases.tab.parties')}</Divider>
        <Form.List name="parties">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, index) => (
                <fieldset key={field.key} className="list-fieldset">
                  <legend>{t('cases.party.numbered', { n: index + 1 })}</legend>
                  <PartyFields prefix={[field.name]} watchPath={['parties', field.name]} />
                  <Button
                    danger
                    size="small"
                    icon={<DeleteOutlined aria-hidden />}
                    onClick={() => remove(field.name)}
                  >
                    {t('cases.party.remove', { n: index + 1 })}
                  </Button>
                </fieldset>
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined aria-hidden />}
                onClick={() => add({ role: 'respondent', kind: 'enterprise' })}
                block
              >
                {t('cases.party.add')}
              </Button>
            </>
          )}
        </Form.List>

        <Divider titlePlacement="start">{t('cases.tab.rights')}</Divider>
        <Form.List name="rights">
          {(fields, { add, remove }) => (
            <>
              {fields.length === 0 ? (
                <Typography.Paragraph type="secondary">{t('cases.right.none')}</Typography.Paragraph>
              ) : null}
              {fields.map((field, index) => (
                <fieldset key={field.key} className="list-fieldset">
                  <legend>{t('cases.right.numbered', { n: index + 1 })}</legend>
                  <RightFields prefix={[field.name]} />
                  <Button
                    danger
                    size="small"
                    icon={<DeleteOutlined aria-hidden />}
                    onClick={() => remove(field.name)}
                  >
                    {t('cases.right.remove', { n: index + 1 })}
                  </Button>
                </fieldset>
              ))}
              <Button type="dashed" icon={<PlusOutlined aria-hidden />} onClick={() => add({})} block>
                {t('cases.right.add')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </FormDrawer>
  );
}
