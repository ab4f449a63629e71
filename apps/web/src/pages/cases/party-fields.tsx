import { Checkbox, Form, Input, Select } from 'antd';
import { useT } from '../../i18n';
import { useCatalog } from '../../lib/use-catalog';

type NamePath = (string | number)[];

interface Props {
  /** prefix of the field names inside the form (or a Form.List row) */
  prefix: NamePath;
  /** the same prefix from the form's root, to watch the kind (differs inside a Form.List) */
  watchPath: NamePath;
}

/**
 * The fields of a party: role, kind, name, and the identifier its kind needs — the unified social credit code of an
 * enterprise, the resident ID of an individual (the server checks both; a foreign party may leave it out).
 */
export function PartyFields({ prefix, watchPath }: Props) {
  const t = useT();
  const { options } = useCatalog();
  const form = Form.useFormInstance();
  const kind = Form.useWatch([...watchPath, 'kind'], form) as string | undefined;
  const foreign = Form.useWatch([...watchPath, 'foreignDomicile'], form) as boolean | undefined;

  return (
    <>
      <div className="form-row">
        <Form.Item
          label={t('cases.party.role')}
          name={[...prefix, 'role']}
          rules={[{ required: true, message: t('common.selectRequired', { field: t('cases.party.role') }) }]}
        >
          <Select options={options('partyRoles')} />
        </Form.Item>
        <Form.Item
          label={t('cases.party.kind')}
          name={[...prefix, 'kind']}
          rules={[{ required: true, message: t('common.selectRequired', { field: t('cases.party.kind') }) }]}
        >
          <Select options={options('partyKinds')} />
        </Form.Item>
      </div>
      <Form.Item
        label={kind === 'individual' ? t('cases.party.personName') : t('cases.party.name')}
        name={[...prefix, 'name']}
        rules={[
          {
            required: true,
            whitespace: true,
            message: t('common.required', { field: t('cases.party.name') }),
          },
        ]}
      >
        <Input maxLength={200} />
      </Form.Item>
      {kind === 'enterprise' ? (
        <>
          <Form.Item
            label={t('cases.party.uscc')}
            name={[...prefix, 'uscc']}
            rules={
              foreign
                ? []
                : [
                    {
                      required: true,
                      whitespace: true,
                      message: t('common.required', { field: t('cases.party.uscc') }),
                    },
                  ]
            }
          >
            <Input maxLength={40} autoComplete="off" style={{ fontFamily: 'monospace' }} />
          </Form.Item>
          <Form.Item
            label={t('cases.party.usccOverrideReason')}
            name={[...prefix, 'usccOverrideReason']}
            extra={t('cases.party.usccOverrideHint')}
          >
            <Input maxLength={200} />
          </Form.Item>
        </>
      ) : null}
      {kind === 'individual' ? (
        <Form.Item
          label={t('cases.party.idNumber')}
          name={[...prefix, 'idNumber']}
          rules={
            foreign
              ? []
              : [
                  {
                    required: true,
                    whitespace: true,
                    message: t('common.required', { field: t('cases.party.idNumber') }),
                  },
                ]
          }
        >
          <Input maxLength={40} autoComplete="off" style={{ fontFamily: 'monospace' }} />
        </Form.Item>
      ) : null}
      <div className="form-row">
        <Form.Item label={t('cases.party.phone')} name={[...prefix, 'phone']}>
          <Input maxLength={30} autoComplete="off" />
        </Form.Item>
        <Form.Item label={t('cases.party.address')} name={[...prefix, 'address']}>
          <Input maxLength={300} autoComplete="off" />
        </Form.Item>
      </div>
      <Form.Item name={[...prefix, 'foreignDomicile']} valuePropName="checked">
        <Checkbox>{t('cases.party.foreignDomicile')}</Checkbox>
      </Form.Item>
    </>
  );
}

/** The fields of an IP right: number (checked against the case's IP type by the server), name, holder. */
export function RightFields({ prefix }: { prefix: NamePath }) {
  const t = useT();
  return (
    <div className="form-row form-row-3">
      <Form.Item
        label={t('cases.right.number')}
        name={[...prefix, 'number']}
        rules={[
          {
            required: true,
            whitespace: true,
            message: t('common.required', { field: t('cases.right.number') }),
          },
        ]}
      >
        <Input maxLength={64} autoComplete="off" />
      </Form.Item>
      <Form.Item label={t('cases.right.title')} name={[...prefix, 'title']}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item label={t('cases.right.holder')} name={[...prefix, 'holder']}>
        <Input maxLength={200} />
      </Form.Item>
    </div>
  );
}

/** Trims a party's strings and drops empty ones (the server treats "" as a value). */
export function cleanParty<T extends Record<string, unknown>>(p: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(p)) {
    if (typeof v === 'string') {
      const s = v.trim();
      if (s) out[k] = s;
    } else if (v !== undefined && v !== null) out[k] = v;
  }
  return out as T;
}
