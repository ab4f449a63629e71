import { Alert, Form, Input, Select } from 'antd';
import { complaintsApi, type ConvertComplaintRequest } from '../../api/complaints';
import { useMe } from '../../auth/auth-context';
import { useT } from '../../i18n';
import { useCatalog } from '../../lib/use-catalog';
import { useComplaintCatalog } from '../../lib/use-complaint-catalog';
import { useOfficerCandidates } from '../cases/use-officer-candidates';
import { CommandModal, type CommandProps } from './command-modal';
import { respondentOf } from './complaint-format';

interface Values {
  procedure?: string;
  title?: string;
  officerIds?: string[];
}

const NO_OFFICERS: never[] = [];

/**
 * 转立案: an accepted complaint becomes a case. The officer chooses the procedure among those for the complaint's
 * IP type that accept cases from complaints (GET /workflows); the title may be left to the server.
 */
export function ConvertDialog(props: CommandProps) {
  const t = useT();
  const { detail } = props;
  const { catalog: workflows, label: caseLabel } = useCatalog();
  const { label } = useComplaintCatalog();
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const candidates = useOfficerCandidates(detail.officeId ?? undefined, NO_OFFICERS);
  const procedures = (workflows?.procedures ?? []).filter(
    (p) => p.sources.includes('complaint') && (!detail.ipType || p.ipTypes.includes(detail.ipType)),
  );
  const respondent = respondentOf(detail);
  const suggestedTitle = respondent
    ? t('complaints.convert.titleSuggestion', {
        respondent,
        ipType: caseLabel('ipTypes', detail.ipType) || t('complaints.convert.ip'),
      })
    : undefined;

  return (
    <CommandModal<Values>
      {...props}
      title={label('actions', 'convert') || t('complaints.convert.title')}
      name="complaint-convert"
      form={form}
      intro={t('complaints.action.moves', {
        from: label('states', detail.state),
        to: label('states', 'converted'),
      })}
      initialValues={{
        procedure: procedures.length === 1 ? procedures[0].code : undefined,
        title: suggestedTitle,
        // the officer filing it handles it, when they belong to the handling office
        officerIds: me.office.id === detail.officeId && me.roles.includes('officer') ? [me.id] : [],
      }}
      send={(v) =>
        complaintsApi.convert(detail.id, {
          version: detail.version,
          procedure: (v.procedure ?? '') as ConvertComplaintRequest['procedure'],
          title: v.title?.trim() || undefined,
          officerIds: v.officerIds?.length ? v.officerIds : undefined,
        })
      }
      doneText={t('complaints.convert.done')}
    >
      {!detail.ipType ? (
        <Alert className="form-alert" type="warning" showIcon title={t('complaints.convert.noIpType')} />
      ) : null}
      <Form.Item
        label={t('complaints.field.procedure')}
        name="procedure"
        rules={[
          { required: true, message: t('common.selectRequired', { field: t('complaints.field.procedure') }) },
        ]}
      >
        <Select
          options={procedures.map((p) => ({ value: p.code, label: caseLabel('procedures', p.code) }))}
          loading={!workflows}
        />
      </Form.Item>
      <Form.Item
        label={t('complaints.field.caseTitle')}
        name="title"
        extra={t('complaints.field.caseTitleHint')}
      >
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item
        label={t('complaints.field.officers')}
        name="officerIds"
        extra={t('complaints.field.officersHint')}
      >
        <Select
          mode="multiple"
          options={candidates.options}
          loading={candidates.loading}
          optionFilterProp="label"
          allowClear
        />
      </Form.Item>
    </CommandModal>
  );
}
