import { TOPICS, type NotificationPayload, type TopicName } from '@app/contracts';

/** A message ready for the transport. */
export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

export interface EmailTemplateContext {
  /** Origin of the web app, e.g. `https://ipe.example.gov.cn`; `payload.link` is appended to it. */
  publicBaseUrl: string;
}

export type EmailTemplate = (
  topic: TopicName,
  payload: NotificationPayload,
  ctx: EmailTemplateContext,
) => RenderedEmail;

/** A labelled fact shown under the body in both languages (e.g. the due date). */
interface Fact {
  zh: { label: string; value: string };
  en: { label: string; value: string };
}

const SUBJECT_PREFIX = '[知识产权执法]';
const TIME_ZONE = 'Asia/Shanghai';

const ZH_DATE = new Intl.DateTimeFormat('zh-CN', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  weekday: 'long',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const EN_DATE = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  weekday: 'long',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** `2026年3月5日星期四 17:00（北京时间）` / `Thursday, 5 March 2026 at 17:00 (Beijing time, UTC+8)`; null if not a date. */
export function formatShanghaiDate(value: unknown): { zh: string; en: string } | null {
  if (!(value instanceof Date) && typeof value !== 'string' && typeof value !== 'number') return null;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return null;
  return {
    zh: `${ZH_DATE.format(date)}（北京时间）`,
    en: `${EN_DATE.format(date)} (Beijing time, UTC+8)`,
  };
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The absolute link of a notification: only a path inside the web app (`/cases/1`) is linked, so a payload cannot
 * point a message at another site. Null when there is no (acceptable) link.
 */
export function absoluteLink(publicBaseUrl: string, link: string | undefined): string | null {
  if (!link || !link.startsWith('/') || link.startsWith('//') || /[\s\\]/.test(link)) return null;
  return `${publicBaseUrl.replace(/\/+$/, '')}${link}`;
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

function subjectOf(payload: NotificationPayload): string {
  const zh = oneLine(payload.title.zh);
  const en = oneLine(payload.title.en);
  return `${SUBJECT_PREFIX} ${zh}${en && en !== zh ? ` / ${en}` : ''}`;
}

const paragraphsHtml = (text: string) =>
  text
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p style="margin:0 0 12px">${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('');

/**
 * The one layout every template uses: the message in Chinese, then in English; facts as a small table; the link;
 * a footer naming the topic. Everything from the payload is escaped in the HTML part.
 */
function layout(topic: TopicName, payload: NotificationPayload, ctx: EmailTemplateContext, facts: Fact[]) {
  const link = absoluteLink(ctx.publicBaseUrl, payload.link);
  const topicName = TOPICS[topic];
  const part = (lang: 'zh' | 'en') => {
    const sep = lang === 'zh' ? '：' : ': ';
    const lines = [payload.title[lang].trim(), '', payload.body[lang].trim()];
    if (facts.length) lines.push('', ...facts.map((f) => `${f[lang].label}${sep}${f[lang].value}`));
    if (link) lines.push('', `${lang === 'zh' ? '查看详情' : 'Open'}${sep}${link}`);
    return lines.join('\n');
  };
  const footer = {
    zh: `通知类型：${topicName.zh}。此邮件由系统自动发送，请勿直接回复。`,
    en: `Topic: ${topicName.en}. This message was sent automatically; please do not reply.`,
  };
  const text = [part('zh'), '', '—— English ——', '', part('en'), '', '--', footer.zh, footer.en, ''].join(
    '\n',
  );

  const htmlPart = (lang: 'zh' | 'en') => {
    const factRows = facts
      .map(
        (f) =>
          `<tr><th style="text-align:left;padding:2px 12px 2px 0;font-weight:normal;color:#666">${escapeHtml(
            f[lang].label,
          )}</th><td style="padding:2px 0">${escapeHtml(f[lang].value)}</td></tr>`,
      )
      .join('');
    const button = link
      ? `<p style="margin:16px 0"><a href="${escapeHtml(link)}" style="color:#1677ff">${
          lang === 'zh' ? '查看详情' : 'Open in the case system'
        }</a></p>`
      : '';
    return (
      `<div lang="${lang === 'zh' ? 'zh-CN' : 'en'}">` +
      `<h2 style="font-size:18px;margin:0 0 12px">${escapeHtml(payload.title[lang].trim())}</h2>` +
      paragraphsHtml(payload.body[lang]) +
      (factRows ? `<table style="border-collapse:collapse;margin:8px 0">${factRows}</table>` : '') +
      button +
      `</div>`
    );
  };
  const html =
    `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(
      subjectOf(payload),
    )}</title></head>` +
    `<body style="font-family:-apple-system,'PingFang SC','Microsoft YaHei',sans-serif;font-size:14px;color:#1f1f1f;line-height:1.6">` +
    htmlPart('zh') +
    `<hr style="border:none;border-top:1px solid #e5e5e5;margin:20px 0">` +
    htmlPart('en') +
    `<p style="color:#8c8c8c;font-size:12px;margin-top:24px">${escapeHtml(footer.zh)}<br>${escapeHtml(
      footer.en,
    )}</p>` +
    `</body></html>`;
  return { subject: subjectOf(payload), text, html };
}

/** Used for every topic without a template of its own. */
export const defaultEmailTemplate: EmailTemplate = (topic, payload, ctx) => layout(topic, payload, ctx, []);

/** Deadline notices show the due date (`payload.data.dueAt`) in Beijing time. */
function deadlineTemplate(label: { zh: string; en: string }): EmailTemplate {
  return (topic, payload, ctx) => {
    const due = formatShanghaiDate(payload.data?.dueAt);
    const facts: Fact[] = due
      ? [{ zh: { label: label.zh, value: due.zh }, en: { label: label.en, value: due.en } }]
      : [];
    return layout(topic, payload, ctx, facts);
  };
}

/** Topic-specific templates; a topic missing here uses {@link defaultEmailTemplate}. */
export const EMAIL_TEMPLATES: Partial<Record<TopicName, EmailTemplate>> = {
  'deadline.due_soon': deadlineTemplate({ zh: '期限届满时间', en: 'Due' }),
  'deadline.overdue': deadlineTemplate({ zh: '原定期限', en: 'Was due' }),
  'deadline.escalated': deadlineTemplate({ zh: '原定期限', en: 'Was due' }),
};

export function renderEmail(
  topic: TopicName,
  payload: NotificationPayload,
  ctx: EmailTemplateContext,
): RenderedEmail {
  return (EMAIL_TEMPLATES[topic] ?? defaultEmailTemplate)(topic, payload, ctx);
}
