import type { NotificationPayload } from '@app/contracts';
import { absoluteLink, escapeHtml, formatShanghaiDate, renderEmail } from './email-templates';

const ctx = { publicBaseUrl: 'https://ipe.example.cn/' };

const payload = (over: Partial<NotificationPayload> = {}): NotificationPayload => ({
  to: { emails: ['a@example.cn'] },
  title: { zh: '案件即将超期', en: 'Case due soon' },
  body: { zh: '请及时处理。', en: 'Please act.' },
  ...over,
});

describe('e-mail templates', () => {
  it('formats dates in Beijing time in both languages', () => {
    // 09:30 UTC is 17:30 in Shanghai, still the same day
    expect(formatShanghaiDate('2026-03-05T09:30:00Z')).toEqual({
      zh: '2026年3月5日星期四 17:30（北京时间）',
      en: 'Thursday, 5 March 2026 at 17:30 (Beijing time, UTC+8)',
    });
    // 20:00 UTC on the 5th is already the 6th in Shanghai
    expect(formatShanghaiDate(new Date('2026-03-05T20:00:00Z'))?.zh).toMatch(/^2026年3月6日星期五 04:00/);
    expect(formatShanghaiDate('not a date')).toBeNull();
    expect(formatShanghaiDate(undefined)).toBeNull();
    expect(formatShanghaiDate({})).toBeNull();
  });

  it('links only paths inside the web app', () => {
    expect(absoluteLink('https://ipe.example.cn/', '/cases/1')).toBe('https://ipe.example.cn/cases/1');
    expect(absoluteLink('https://ipe.example.cn', '/cases/1?tab=a')).toBe(
      'https://ipe.example.cn/cases/1?tab=a',
    );
    expect(absoluteLink('https://ipe.example.cn', 'https://evil.example/x')).toBeNull();
    expect(absoluteLink('https://ipe.example.cn', '//evil.example/x')).toBeNull();
    expect(absoluteLink('https://ipe.example.cn', '/a b')).toBeNull();
    expect(absoluteLink('https://ipe.example.cn', undefined)).toBeNull();
  });

  it('escapes everything from the payload in the HTML part', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&#60;a href=&#34;x&#34;&#62;&#39;&#38;&#39;&#60;/a&#62;');
    const mail = renderEmail(
      'notification.test',
      payload({
        title: { zh: '<script>alert(1)</script>', en: 'T & C' },
        body: { zh: '第一段\n第二行\n\n<b>第二段</b>', en: '"quoted"' },
        link: '/x?a=1&b=<2>',
      }),
      ctx,
    );
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).not.toContain('<b>');
    expect(mail.html).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
    expect(mail.html).toContain('第一段<br>第二行');
    expect(mail.html).toContain('href="https://ipe.example.cn/x?a=1&#38;b=&#60;2&#62;"');
    expect(mail.html).toContain('T &#38; C');
    // the text part is plain text: nothing escaped
    expect(mail.text).toContain('<script>alert(1)</script>');
    expect(mail.subject).toBe('[知识产权执法] <script>alert(1)</script> / T & C');
  });

  it('uses the default layout for topics without a template, and keeps the subject on one line', () => {
    const mail = renderEmail(
      'notification.test',
      payload({ title: { zh: '多行\r\n标题', en: 'Two\nlines' }, data: { dueAt: '2026-03-05T09:30:00Z' } }),
      ctx,
    );
    expect(mail.subject).toBe('[知识产权执法] 多行 标题 / Two lines');
    // the due date is shown only by the deadline templates
    expect(mail.text).not.toContain('2026年3月5日');
    expect(mail.text).toContain('通知类型：测试通知');
    expect(mail.text).toContain('Topic: Test notification');
  });

  it('shows the due date for deadline topics, Chinese first, then English', () => {
    const mail = renderEmail(
      'deadline.due_soon',
      payload({ link: '/cases/42', data: { dueAt: '2026-03-05T09:30:00Z' } }),
      ctx,
    );
    expect(mail.subject).toBe('[知识产权执法] 案件即将超期 / Case due soon');
    const zhAt = mail.text.indexOf('期限届满时间：2026年3月5日星期四 17:30（北京时间）');
    const enAt = mail.text.indexOf('Due: Thursday, 5 March 2026 at 17:30 (Beijing time, UTC+8)');
    expect(zhAt).toBeGreaterThan(0);
    expect(enAt).toBeGreaterThan(zhAt);
    expect(mail.text).toContain('查看详情：https://ipe.example.cn/cases/42');
    expect(mail.text).toContain('Open: https://ipe.example.cn/cases/42');
    expect(mail.html).toContain('2026年3月5日星期四 17:30（北京时间）');
    expect(mail.html).toContain('<div lang="en">');

    const overdue = renderEmail(
      'deadline.overdue',
      payload({ data: { dueAt: '2026-03-05T09:30:00Z' } }),
      ctx,
    );
    expect(overdue.text).toContain('原定期限：2026年3月5日');
    expect(overdue.text).toContain('Was due: Thursday');
    // no (valid) due date: no fact line, still a message
    const noDate = renderEmail('deadline.escalated', payload({ data: { dueAt: 'soon' } }), ctx);
    expect(noDate.text).not.toContain('原定期限');
    expect(noDate.text).toContain('请及时处理。');
  });
});
