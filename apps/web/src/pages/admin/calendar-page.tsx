import { DeleteOutlined, EditOutlined, LeftOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  Modal,
  Popconfirm,
  Radio,
  Space,
  Table,
  Tag,
  type TableColumnsType,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { calendarApi } from '../../api/endpoints';
import type { CalendarDay, CalendarDayKind } from '../../api/types';
import { ProblemAlert } from '../../components/problem-alert';
import { useLang, useT, type TFunction } from '../../i18n';
import { PageContainer } from '../../layout/page-container';
import { currentShanghaiYear, shanghaiDate, weekdayIndex } from '../../lib/format';
import { groupLabel } from '../../lib/a11y';
import { applyProblemToForm, type FormProblem } from '../../lib/form-errors';
import { useAsync } from '../../lib/use-async';
import { useUrlQuery } from '../../lib/use-url-query';

const pad = (n: number) => String(n).padStart(2, '0');

function KindTag({ kind, t }: { kind: CalendarDayKind; t: TFunction }) {
  return <Tag color={kind === 'holiday' ? 'red' : 'blue'}>{t(`calendar.kind.${kind}`)}</Tag>;
}

function MonthGrid({
  year,
  month,
  days,
  today,
  t,
  monthName,
}: {
  year: number;
  month: number;
  days: Map<string, CalendarDay>;
  today: string;
  t: TFunction;
  monthName: string;
}) {
  const short = t('calendar.weekdays').split(',');
  const long = t('calendar.weekdaysLong').split(',');
  const first = `${year}-${pad(month)}-01`;
  const offset = weekdayIndex(first);
  const count = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const cells: (number | null)[] = [
    ...Array<null>(offset).fill(null),
    ...Array.from({ length: count }, (_, i) => i + 1),
  ];
  while (cells.length % 7) cells.push(null);
  const weeks = Array.from({ length: cells.length / 7 }, (_, w) => cells.slice(w * 7, w * 7 + 7));

  return (
    <table className="month-grid">
      <caption>{monthName}</caption>
      <thead>
        <tr>
          {short.map((d, i) => (
            <th key={d} scope="col">
              <abbr title={long[i]}>{d}</abbr>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {weeks.map((week, w) => (
          <tr key={w}>
            {week.map((day, i) => {
              if (day === null) return <td key={i} />;
              const date = `${year}-${pad(month)}-${pad(day)}`;
              const entry = days.get(date);
              const weekend = i >= 5;
              const cls = [
                entry ? `is-${entry.kind}` : weekend ? 'is-weekend' : '',
                date === today ? 'is-today' : '',
              ]
                .join(' ')
                .trim();
              return (
                <td
                  key={i}
                  className={cls || undefined}
                  title={entry ? `${date} ${entry.name}（${t(`calendar.kind.${entry.kind}`)}）` : date}
                >
                  <span className="day-number">{day}</span>
                  {entry ? <span className="day-mark">{t(`calendar.short.${entry.kind}`)}</span> : null}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

interface EditValues {
  date: Dayjs;
  kind: CalendarDayKind;
  name: string;
}

export default function CalendarPage() {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const url = useUrlQuery();
  const year = url.getNumber('year', currentShanghaiYear());
  const data = useAsync((signal) => calendarApi.year(year, signal), [year]);
  const [editing, setEditing] = useState<CalendarDay | 'new' | null>(null);
  const [form] = Form.useForm<EditValues>();
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [actionError, setActionError] = useState<unknown>();
  const today = shanghaiDate();

  const days = useMemo(() => {
    const sorted = [...(data.data?.days ?? [])].sort((a, b) => a.date.localeCompare(b.date));
    return { sorted, byDate: new Map(sorted.map((d) => [d.date, d])) };
  }, [data.data]);

  useEffect(() => {
    if (editing === null) return;
    setProblem(null);
    form.resetFields();
    form.setFieldsValue(
      editing === 'new'
        ? { kind: 'holiday', name: '', date: undefined }
        : { kind: editing.kind, name: editing.name, date: dayjs(editing.date) },
    );
  }, [editing, form]);

  const save = async (values: EditValues) => {
    setSaving(true);
    setProblem(null);
    try {
      await calendarApi.put(values.date.format('YYYY-MM-DD'), {
        kind: values.kind,
        name: values.name.trim(),
      });
      message.success(t('common.saved'));
      setEditing(null);
      data.reload();
    } catch (err) {
      setProblem(applyProblemToForm(form, err));
    } finally {
      setSaving(false);
    }
  };

  const markCovered = async () => {
    setActionError(undefined);
    try {
      await calendarApi.markCovered(year);
      message.success(t('common.saved'));
      data.reload();
    } catch (err) {
      setActionError(err);
    }
  };

  const remove = async (day: CalendarDay) => {
    setActionError(undefined);
    try {
      await calendarApi.remove(day.date);
      message.success(t('common.deleted'));
      data.reload();
    } catch (err) {
      setActionError(err);
    }
  };

  const longWeekdays = t('calendar.weekdaysLong').split(',');
  const monthNames = useMemo(() => {
    const format = new Intl.DateTimeFormat(lang, {
      month: lang === 'en' ? 'long' : 'numeric',
      timeZone: 'UTC',
    });
    return Array.from({ length: 12 }, (_, i) => format.format(new Date(Date.UTC(2000, i, 15))));
  }, [lang]);
  const columns: TableColumnsType<CalendarDay> = [
    {
      title: t('calendar.date'),
      dataIndex: 'date',
      key: 'date',
      render: (date: string) => (
        <span>
          {date} <span className="muted">{longWeekdays[weekdayIndex(date)]}</span>
        </span>
      ),
    },
    {
      title: t('calendar.kind'),
      dataIndex: 'kind',
      key: 'kind',
      render: (kind: CalendarDayKind) => <KindTag kind={kind} t={t} />,
    },
    { title: t('calendar.name'), dataIndex: 'name', key: 'name' },
    {
      title: t('calendar.source'),
      dataIndex: 'source',
      key: 'source',
      render: (source: CalendarDay['source']) =>
        source === 'admin' ? (
          <Tag color="purple">{t('calendar.source.admin')}</Tag>
        ) : (
          <Tag>{t('calendar.source.package')}</Tag>
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, day) => (
        <Space size={4}>
          <Button
            type="link"
            size="small"
            icon={<EditOutlined aria-hidden />}
            onClick={() => setEditing(day)}
            aria-label={`${t('common.edit')} ${day.date}`}
          >
            {t('common.edit')}
          </Button>
          <Popconfirm
            title={t('calendar.deleteConfirm', { date: day.date })}
            okText={t('common.delete')}
            okButtonProps={{ danger: true }}
            cancelText={t('common.cancel')}
            onConfirm={() => remove(day)}
          >
            <Button
              type="link"
              size="small"
              danger
              icon={<DeleteOutlined aria-hidden />}
              aria-label={`${t('common.delete')} ${day.date}`}
            >
              {t('common.delete')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <PageContainer
      title={t('calendar.title')}
      extra={
        <Space wrap>
          <Space.Compact>
            <Button
              icon={<LeftOutlined aria-hidden />}
              aria-label={t('calendar.prevYear')}
              onClick={() => url.update({ year: year - 1 })}
            />
            <DatePicker
              picker="year"
              allowClear={false}
              value={dayjs(`${year}-01-01`)}
              onChange={(value) => value && url.update({ year: value.year() })}
              aria-label={t('calendar.year')}
              style={{ width: 110 }}
            />
            <Button
              icon={<RightOutlined aria-hidden />}
              aria-label={t('calendar.nextYear')}
              onClick={() => url.update({ year: year + 1 })}
            />
          </Space.Compact>
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing('new')}>
            {t('calendar.add')}
          </Button>
        </Space>
      }
    >
      <ProblemAlert
        className="table-alert"
        error={data.error ?? actionError}
        onClose={actionError ? () => setActionError(undefined) : undefined}
      />
      {data.data && !data.data.covered ? (
        <Alert
          className="table-alert"
          type="warning"
          showIcon
          title={t('calendar.notCovered', { year })}
          action={
            <Popconfirm
              title={t('calendar.markCoveredConfirm', { year })}
              okText={t('common.confirm')}
              cancelText={t('common.cancel')}
              onConfirm={markCovered}
            >
              <Button size="small">{t('calendar.markCovered')}</Button>
            </Popconfirm>
          }
        />
      ) : null}

      <Card title={t('calendar.overview')} className="calendar-card" loading={data.loading && !data.data}>
        <div className="calendar-legend" aria-hidden>
          <span className="legend-item is-holiday">{t('calendar.short.holiday')}</span>{' '}
          {t('calendar.kind.holiday')}
          <span className="legend-item is-workday">{t('calendar.short.workday')}</span>{' '}
          {t('calendar.kind.workday')}
          <span className="legend-item is-weekend">6</span> {t('calendar.weekend')}
        </div>
        <div className="month-grids">
          {Array.from({ length: 12 }, (_, i) => (
            <MonthGrid
              key={i}
              year={year}
              month={i + 1}
              days={days.byDate}
              today={today}
              t={t}
              monthName={monthNames[i]}
            />
          ))}
        </div>
      </Card>

      <Card title={t('calendar.list')}>
        <Table<CalendarDay>
          rowKey="date"
          size="small"
          columns={columns}
          dataSource={days.sorted}
          loading={data.loading}
          pagination={false}
          locale={{ emptyText: t('calendar.empty') }}
          scroll={{ x: 'max-content' }}
        />
      </Card>

      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('calendar.add') : t('calendar.edit')}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={saving}
        onOk={() => form.submit()}
        onCancel={() => setEditing(null)}
        destroyOnHidden
      >
        {problem ? (
          <ProblemAlert
            className="form-alert"
            error={problem.problem}
            unmatched={problem.unmatched}
            mappedAny={problem.mappedAny}
          />
        ) : null}
        <Form<EditValues> form={form} layout="vertical" onFinish={save} name="calendar-day-form">
          <Form.Item
            label={t('calendar.date')}
            name="date"
            rules={[{ required: true, message: t('common.selectRequired', { field: t('calendar.date') }) }]}
          >
            <DatePicker
              disabled={editing !== 'new'}
              disabledDate={(d) => d.year() !== year}
              defaultPickerValue={dayjs(`${year}-01-01`)}
              style={{ width: '100%' }}
            />
          </Form.Item>
          <Form.Item label={t('calendar.kind')} name="kind" rules={[{ required: true }]}>
            <Radio.Group
              {...groupLabel(t('calendar.kind'), 'radiogroup')}
              options={[
                { value: 'holiday', label: t('calendar.kind.holiday') },
                { value: 'workday', label: t('calendar.kind.workday') },
              ]}
            />
          </Form.Item>
          <Form.Item
            label={t('calendar.name')}
            name="name"
            rules={[
              {
                required: true,
                whitespace: true,
                message: t('common.required', { field: t('calendar.name') }),
              },
            ]}
          >
            <Input placeholder={t('calendar.namePlaceholder')} maxLength={50} />
          </Form.Item>
        </Form>
      </Modal>
    </PageContainer>
  );
}
