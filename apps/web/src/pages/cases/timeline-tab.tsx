import { BellOutlined } from '@ant-design/icons';
import { App, Button, Empty, Form, Input, Spin, Tag, Timeline } from 'antd';
import { useState } from 'react';
import { casesApi } from '../../api/cases';
import type { TimelineEntry } from '../../api/types';
import { ProblemAlert } from '../../components/problem-alert';
import { useLang, useT } from '../../i18n';
import { applyProblemToForm, type FormProblem } from '../../lib/form-errors';
import { formatDateTime } from '../../lib/format';
import { useAsync } from '../../lib/use-async';
import { bilingual } from '../../lib/use-catalog';

interface Props {
  caseId: string;
  /** changes whenever the case changed (version, evidence): the timeline is read again */
  refreshKey: string;
  canNote: boolean;
}

function color(entry: TimelineEntry): string {
  if (entry.kind === 'notification') return 'gray';
  if (entry.action === 'case.note_added') return 'gray';
  if (entry.action.startsWith('case.evidence')) return 'green';
  return 'blue';
}

/** 办案记录: every step, note, evidence event and notification of the case, oldest first; notes are added here. */
export function TimelineTab({ caseId, refreshKey, canNote }: Props) {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ body: string }>();
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const list = useAsync((signal) => casesApi.timeline(caseId, signal), [caseId, refreshKey]);

  const addNote = async ({ body }: { body: string }) => {
    setSaving(true);
    setProblem(null);
    try {
      await casesApi.addNote(caseId, body.trim());
      message.success(t('cases.note.added'));
      form.resetFields();
      list.reload();
    } catch (err) {
      setProblem(applyProblemToForm(form, err));
    } finally {
      setSaving(false);
    }
  };

  const entries = list.data ?? [];
  return (
    <div>
      <ProblemAlert className="table-alert" error={list.error} />
      <Spin spinning={list.loading && !list.data}>
        {entries.length === 0 && !list.loading ? (
          <Empty description={t('cases.timeline.empty')} />
        ) : (
          <div data-testid="case-timeline" aria-label={t('cases.tab.timeline')} role="region">
            <Timeline
              items={entries.map((e, i) => ({
                key: `${e.at}-${i}`,
                color: color(e),
                icon: e.kind === 'notification' ? <BellOutlined aria-hidden /> : undefined,
                content: (
                  <div className="timeline-entry" data-action={e.action}>
                    <div>
                      <time dateTime={e.at} className="muted">
                        {formatDateTime(e.at)}
                      </time>
                      {e.actor ? <span className="timeline-actor">{e.actor}</span> : null}
                      {e.kind === 'notification' ? (
                        <Tag>
                          {t('cases.timeline.notification', {
                            delivered: Number(e.data.delivered ?? 0),
                            total: Number(e.data.deliveries ?? 0),
                          })}
                        </Tag>
                      ) : null}
                    </div>
                    <div className="timeline-summary">{bilingual(e.summary, lang)}</div>
                  </div>
                ),
              }))}
            />
          </div>
        )}
      </Spin>
      {canNote ? (
        <Form form={form} layout="vertical" name="case-note" onFinish={addNote} disabled={saving}>
          {problem ? (
            <ProblemAlert
              className="form-alert"
              error={problem.problem}
              unmatched={problem.unmatched}
              mappedAny={problem.mappedAny}
            />
          ) : null}
          <Form.Item
            label={t('cases.note.label')}
            name="body"
            rules={[
              {
                required: true,
                whitespace: true,
                message: t('common.required', { field: t('cases.note.label') }),
              },
            ]}
          >
            <Input.TextArea rows={3} maxLength={5000} showCount />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={saving}>
            {t('cases.note.add')}
          </Button>
        </Form>
      ) : null}
    </div>
  );
}
