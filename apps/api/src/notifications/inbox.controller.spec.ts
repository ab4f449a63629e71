import { IS_PUBLIC, REQUIRED_ROLES } from '@app/auth';
import type { InboxMessage, InboxStreamEvent } from '@app/notifications';
import type { MessageEvent } from '@nestjs/common';
import { Subject } from 'rxjs';
import { toInboxMessageResponse } from './dto/inbox-response.dto';
import { bearerExpiry, INBOX_HEARTBEAT_MS, toInboxSse } from './dto/inbox-sse';
import { InboxController } from './inbox.controller';
import { NotificationPreferencesController } from './preferences.controller';

const message: InboxMessage = {
  id: '7',
  userId: 'u',
  topic: 'deadline.due_soon',
  title: { zh: '期限即将届满', en: 'Deadline approaching' },
  body: { zh: '请处理', en: 'Please act' },
  link: '/cases/1',
  data: { caseId: 1 },
  createdAt: new Date('2026-03-01T00:00:00.000Z'),
  readAt: null,
};

const jwt = (claims: object) =>
  ['e30', Buffer.from(JSON.stringify(claims)).toString('base64url'), 'sig'].join('.');

describe('InboxController', () => {
  afterEach(() => jest.useRealTimers());

  it('is open to any signed-in user (no roles, not public)', () => {
    for (const cls of [InboxController, NotificationPreferencesController]) {
      for (const name of Object.getOwnPropertyNames(cls.prototype).filter((n) => n !== 'constructor')) {
        const handler = (cls.prototype as unknown as Record<string, object>)[name];
        expect(Reflect.getMetadata(REQUIRED_ROLES, handler)).toBeUndefined();
        expect(Reflect.getMetadata(IS_PUBLIC, handler)).toBeUndefined();
      }
    }
  });

  it('maps a message to the caller’s language', () => {
    expect(toInboxMessageResponse(message, 'zh-CN')).toEqual({
      id: '7',
      topic: 'deadline.due_soon',
      title: '期限即将届满',
      body: '请处理',
      link: '/cases/1',
      data: { caseId: 1 },
      createdAt: '2026-03-01T00:00:00.000Z',
      readAt: null,
    });
    expect(toInboxMessageResponse({ ...message, readAt: message.createdAt }, 'en')).toMatchObject({
      title: 'Deadline approaching',
      body: 'Please act',
      readAt: '2026-03-01T00:00:00.000Z',
    });
  });

  it('turns stream events into SSE frames with a heartbeat, ending when the token expires', () => {
    jest.useFakeTimers({ now: new Date('2026-03-01T00:00:00.000Z') });
    const events = new Subject<InboxStreamEvent>();
    const frames: MessageEvent[] = [];
    let completed = false;
    toInboxSse(events, 'en', { endAt: new Date('2026-03-01T00:01:00.000Z') }).subscribe({
      next: (f) => frames.push(f),
      complete: () => (completed = true),
    });
    events.next({ kind: 'unread', unreadCount: 2 });
    events.next({ kind: 'message', message, unreadCount: 3 });
    expect(frames).toEqual([
      { type: 'unread', data: { unreadCount: 2 } },
      { type: 'message', data: { message: toInboxMessageResponse(message, 'en'), unreadCount: 3 } },
    ]);
    jest.advanceTimersByTime(INBOX_HEARTBEAT_MS);
    expect(frames[2]).toEqual({ comment: 'heartbeat' });
    jest.advanceTimersByTime(INBOX_HEARTBEAT_MS);
    expect(frames).toHaveLength(4);
    expect(completed).toBe(false);
    jest.advanceTimersByTime(10_000);
    expect(completed).toBe(true);
    expect(events.observed).toBe(false); // the stream's subscription is released
  });

  it('ends the SSE stream (heartbeat included) when the inbox stream completes, e.g. at shutdown', () => {
    jest.useFakeTimers();
    const events = new Subject<InboxStreamEvent>();
    const frames: MessageEvent[] = [];
    let completed = false;
    toInboxSse(events, 'zh-CN').subscribe({
      next: (f) => frames.push(f),
      complete: () => (completed = true),
    });
    events.complete();
    expect(completed).toBe(true);
    jest.advanceTimersByTime(INBOX_HEARTBEAT_MS * 2);
    expect(frames).toEqual([]);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('reads the expiry of the bearer token', () => {
    expect(bearerExpiry(`Bearer ${jwt({ exp: 1772323200 })}`)).toEqual(new Date(1772323200 * 1000));
    expect(bearerExpiry(`Bearer ${jwt({})}`)).toBeNull();
    expect(bearerExpiry('Bearer garbage')).toBeNull();
    expect(bearerExpiry('Bearer a.!!!.c')).toBeNull();
    expect(bearerExpiry(undefined)).toBeNull();
  });
});
