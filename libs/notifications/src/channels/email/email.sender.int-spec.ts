import { ConfigModule } from '@app/config';
import type { NotificationPayload, TopicName } from '@app/contracts';
import { DatabaseModule } from '@app/database';
import { createTestDatabase, type TestDatabase } from '@app/testing';
import { Test, type TestingModule } from '@nestjs/testing';
import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { PermanentDeliveryError, type DeliveryContext } from '../channel-sender';
import { EmailChannelModule } from './email-channel.module';
import { EmailSender } from './email.sender';
import { EmailSettings } from './email.settings';
import { UserContactRepository } from './user-contact.repository';

// ---- a real SMTP server on loopback ------------------------------------------------------------

interface Received {
  from: string;
  to: string[];
  raw: string;
}

async function startSmtp(options: Partial<SMTPServerOptions> = {}) {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
    ...options,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { received, port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

// ---- a small MIME reader (enough for what nodemailer writes) -----------------------------------

function bytesOf(qp: string): Buffer {
  const bytes: number[] = [];
  const text = qp.replace(/=\r?\n/g, '');
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '=' && /^[0-9A-F]{2}$/i.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(text.charCodeAt(i));
  }
  return Buffer.from(bytes);
}

function decodeWords(value: string): string {
  return value
    .replace(/(=\?[^?]+\?[BQ]\?[^?]*\?=)\s+(?==\?)/gi, '$1')
    .replace(/=\?([^?]+)\?([BQ])\?([^?]*)\?=/gi, (_, _charset: string, enc: string, data: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(data, 'base64').toString('utf8')
        : bytesOf(data.replace(/_/g, ' ')).toString('utf8'),
    );
}

interface Part {
  headers: Record<string, string>;
  body: string;
}

function parsePart(raw: string): Part {
  const split = raw.search(/\r?\n\r?\n/);
  const head = split < 0 ? raw : raw.slice(0, split);
  const body = split < 0 ? '' : raw.slice(split).replace(/^\r?\n\r?\n/, '');
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0)
      headers[line.slice(0, colon).trim().toLowerCase()] = decodeWords(line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function decodeBody(part: Part): string {
  const enc = (part.headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  if (enc === 'base64') return Buffer.from(part.body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (enc === 'quoted-printable') return bytesOf(part.body).toString('utf8');
  return part.body;
}

/** Headers, and the decoded text and HTML parts. */
function readMessage(raw: string): { headers: Record<string, string>; text: string; html: string } {
  const top = parsePart(raw);
  const boundary = /boundary="?([^";]+)"?/.exec(top.headers['content-type'] ?? '')?.[1];
  const parts = boundary
    ? top.body
        .split(`--${boundary}`)
        .slice(1)
        .filter((p) => !p.startsWith('--'))
        .map((p) => parsePart(p.replace(/^\r?\n/, '')))
    : [top];
  const find = (type: string) =>
    parts.find((p) => (p.headers['content-type'] ?? 'text/plain').startsWith(type));
  const text = find('text/plain');
  const html = find('text/html');
  return {
    headers: top.headers,
    text: text ? decodeBody(text).replace(/\r\n/g, '\n') : '',
    html: html ? decodeBody(html) : '',
  };
}

// ---- the tests ---------------------------------------------------------------------------------

let seq = 0;
function delivery(
  recipient: string,
  topic: TopicName,
  payload: Partial<NotificationPayload> = {},
): DeliveryContext {
  seq += 1;
  return {
    deliveryId: String(1000 + seq),
    outboxId: String(seq),
    topic,
    channel: 'email',
    recipient,
    attempt: 1,
    requestId: null,
    payload: {
      to: {},
      title: { zh: '案件办理期限即将届满', en: 'Case deadline approaching' },
      body: {
        zh: '浙杭知执〔2026〕12号 的调查期限将于两个工作日后届满。',
        en: 'The investigation period ends in two working days.',
      },
      link: '/cases/42',
      data: { dueAt: '2026-03-05T09:30:00Z' },
      ...payload,
    },
  };
}

const settingsFor = (port: number, over: Partial<EmailSettings> = {}): EmailSettings =>
  Object.assign(new EmailSettings(), {
    host: '127.0.0.1',
    port,
    timeoutMs: 2000,
    from: '"知识产权执法案件管理" <noreply@ipe.test>',
    publicBaseUrl: 'https://ipe.example.cn',
    ...over,
  });

async function errorOf(p: Promise<unknown>): Promise<Error> {
  const e: unknown = await p.then(
    () => null,
    (err: unknown) => err,
  );
  if (!(e instanceof Error)) throw new Error('expected the send to fail, but it succeeded');
  return e;
}

describe('EmailSender against a real SMTP server', () => {
  let db: TestDatabase;
  let app: TestingModule;
  let users: UserContactRepository;
  const senders: EmailSender[] = [];
  const closers: (() => Promise<void>)[] = [];

  const senderFor = (port: number, over: Partial<EmailSettings> = {}) => {
    const sender = new EmailSender(settingsFor(port, over), users);
    senders.push(sender);
    return sender;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot({ DATABASE_URL: db.url, LOG_LEVEL: 'silent' }),
        DatabaseModule,
        EmailChannelModule,
      ],
    }).compile();
    app.useLogger(false);
    await app.init();
    users = app.get(UserContactRepository);
  }, 60_000);

  afterAll(async () => {
    for (const s of senders) s.onModuleDestroy();
    for (const close of closers) await close();
    await app?.close();
    await db?.drop();
  });

  it('is provided by EmailChannelModule with settings from the configuration', () => {
    expect(app.get(EmailSender).channel).toBe('email');
    expect(app.get(EmailSettings)).toMatchObject({ host: '127.0.0.1', port: 1025, secure: false });
  });

  it('delivers a deadline notice in Chinese and English, with idempotency headers', async () => {
    const smtp = await startSmtp();
    closers.push(smtp.close);
    const d = delivery('email:zhang.san@example.cn', 'deadline.due_soon');
    await senderFor(smtp.port).send(d);

    expect(smtp.received).toHaveLength(1);
    const [got] = smtp.received;
    expect(got.from).toBe('noreply@ipe.test');
    expect(got.to).toEqual(['zhang.san@example.cn']);
    const mail = readMessage(got.raw);
    expect(mail.headers.subject).toBe('[知识产权执法] 案件办理期限即将届满 / Case deadline approaching');
    expect(mail.headers.to).toBe('zhang.san@example.cn');
    expect(mail.headers.from).toBe('知识产权执法案件管理 <noreply@ipe.test>');
    expect(mail.headers['x-ipe-delivery']).toBe(d.deliveryId);
    expect(mail.headers['x-ipe-topic']).toBe('deadline.due_soon');
    expect(mail.headers['message-id']).toBe(`<delivery-${d.deliveryId}@ipe.test>`);
    expect(mail.headers['auto-submitted']).toBe('auto-generated');

    expect(mail.text).toContain('浙杭知执〔2026〕12号 的调查期限将于两个工作日后届满。');
    expect(mail.text).toContain('期限届满时间：2026年3月5日星期四 17:30（北京时间）');
    expect(mail.text).toContain('查看详情：https://ipe.example.cn/cases/42');
    expect(mail.text).toContain('The investigation period ends in two working days.');
    expect(mail.text).toContain('Due: Thursday, 5 March 2026 at 17:30 (Beijing time, UTC+8)');
    expect(mail.text.indexOf('期限届满时间')).toBeLessThan(mail.text.indexOf('Due: Thursday'));

    expect(mail.html).toContain('<h2 style="font-size:18px;margin:0 0 12px">案件办理期限即将届满</h2>');
    expect(mail.html).toContain('2026年3月5日星期四 17:30（北京时间）');
    expect(mail.html).toContain('href="https://ipe.example.cn/cases/42"');
    expect(mail.html).toContain('Case deadline approaching');
  });

  it('escapes payload text in the HTML it sends', async () => {
    const smtp = await startSmtp();
    closers.push(smtp.close);
    await senderFor(smtp.port).send(
      delivery('email:a@example.cn', 'notification.test', {
        title: { zh: '<img src=x onerror=alert(1)>', en: 'Tom & Jerry' },
        body: { zh: '<b>粗体</b>', en: 'x' },
        link: undefined,
      }),
    );
    const mail = readMessage(smtp.received[0].raw);
    expect(mail.html).not.toMatch(/<img|<b>/);
    expect(mail.html).toContain('&#60;b&#62;粗体&#60;/b&#62;');
    expect(mail.html).not.toContain('href=');
    expect(mail.headers.subject).toBe('[知识产权执法] <img src=x onerror=alert(1)> / Tom & Jerry');
  });

  it("sends to a user's e-mail address; a user without one, or unknown, is permanent", async () => {
    const smtp = await startSmtp();
    closers.push(smtp.close);
    const [admin] = await db.sql(
      `UPDATE users SET email = 'admin@ipe.test' WHERE username = 'admin' RETURNING id`,
    );
    const [other] = await db.sql(`SELECT id FROM users WHERE username <> 'admin' AND email IS NULL LIMIT 1`);
    const sender = senderFor(smtp.port);

    await sender.send(delivery(`user:${String(admin.id)}`, 'deadline.overdue'));
    expect(smtp.received.map((m) => m.to)).toEqual([['admin@ipe.test']]);
    expect(readMessage(smtp.received[0].raw).text).toContain(
      '原定期限：2026年3月5日星期四 17:30（北京时间）',
    );

    const noMail = await errorOf(sender.send(delivery(`user:${String(other.id)}`, 'deadline.overdue')));
    expect(noMail).toBeInstanceOf(PermanentDeliveryError);
    expect(noMail.message).toBe(`User ${String(other.id)} has no e-mail address`);

    const unknown = await errorOf(
      sender.send(delivery('user:33333333-3333-4333-8333-333333333333', 'deadline.overdue')),
    );
    expect(unknown).toBeInstanceOf(PermanentDeliveryError);
    expect(unknown.message).toMatch(/does not exist/);

    for (const bad of ['email:not-an-address', 'email:a@b.cn, c@d.cn', 'webhook:x', 'nothing']) {
      expect(await errorOf(sender.send(delivery(bad, 'notification.test')))).toBeInstanceOf(
        PermanentDeliveryError,
      );
    }
    expect(smtp.received).toHaveLength(1);
  });

  it('treats a 5xx rejection (550 no such user) as permanent', async () => {
    const smtp = await startSmtp({
      onRcptTo(address, _session, callback) {
        const err = Object.assign(new Error('5.1.1 <' + address.address + '>: no such user'), {
          responseCode: 550,
        });
        callback(err);
      },
    });
    closers.push(smtp.close);
    const e = await errorOf(
      senderFor(smtp.port).send(delivery('email:nobody@example.cn', 'deadline.due_soon')),
    );
    expect(e).toBeInstanceOf(PermanentDeliveryError);
    expect(e.message).toMatch(
      /refused the message to nobody@example\.cn: 550 5\.1\.1 <nobody@example\.cn>: no such user/,
    );
    expect(smtp.received).toHaveLength(0);
  });

  it('retries a 4xx deferral (451 greylisted)', async () => {
    const smtp = await startSmtp({
      onRcptTo(_address, _session, callback) {
        callback(Object.assign(new Error('4.7.1 greylisted, try again later'), { responseCode: 451 }));
      },
    });
    closers.push(smtp.close);
    const e = await errorOf(
      senderFor(smtp.port).send(delivery('email:later@example.cn', 'deadline.due_soon')),
    );
    expect(e).not.toBeInstanceOf(PermanentDeliveryError);
    expect(e.message).toMatch(/deferred the message to later@example\.cn: 451/);
  });

  it('retries when the server is down', async () => {
    // a port that was just free: nothing listens there
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));

    const e = await errorOf(senderFor(port).send(delivery('email:a@example.cn', 'deadline.due_soon')));
    expect(e).not.toBeInstanceOf(PermanentDeliveryError);
    expect(e.message).toMatch(/ECONNREFUSED|ESOCKET|ECONNECTION/);
  });

  it('retries when the server never answers (timeout)', async () => {
    // accepts TCP connections but never sends the SMTP greeting
    const sockets = new Set<import('node:net').Socket>();
    const silent: Server = createServer((s) => sockets.add(s));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    closers.push(async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    });
    const port = (silent.address() as AddressInfo).port;
    const started = Date.now();
    const e = await errorOf(
      senderFor(port, { timeoutMs: 300 }).send(delivery('email:a@example.cn', 'deadline.due_soon')),
    );
    expect(e).not.toBeInstanceOf(PermanentDeliveryError);
    expect(e.message).toMatch(/ETIMEDOUT|timeout/i);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
