import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { APP_CONFIG, AuditService, CoreModule, HttpAuthModule, JOBS, OutboxService, QueueService } from '@ttx/api/core';
import { bootTestApp, call, type TestApp } from '@ttx/api/core/testing';
import { MemberDirectory } from '@ttx/api/identity';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { PlatformModule } from '../platform.module';
import { Mailer } from './mailer';
import { OutboxRelayProcessor } from './outbox-relay.processor';
import { OutboxRelayService } from './outbox-relay.service';

/** A minimal but real SMTP server: enough of RFC 5321 for nodemailer to deliver to it. */
function smtpSink(): Promise<{ server: Server; url: string; messages: string[] }> {
  const messages: string[] = [];
  const server = createServer((socket) => {
    let data: string | undefined;
    socket.write('220 sink ESMTP\r\n');
    socket.on('data', (chunk) => {
      for (const line of chunk.toString('utf8').split('\r\n')) {
        if (data !== undefined) {
          if (line === '.') {
            messages.push(data);
            data = undefined;
            socket.write('250 queued\r\n');
          } else data += `${line}\n`;
          continue;
        }
        const cmd = line.slice(0, 4).toUpperCase();
        if (!line) continue;
        if (cmd === 'EHLO' || cmd === 'HELO') socket.write('250 sink\r\n');
        else if (cmd === 'DATA') {
          data = '';
          socket.write('354 go on\r\n');
        } else if (cmd === 'QUIT') socket.end('221 bye\r\n');
        else socket.write('250 ok\r\n');
      }
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, messages, url: `smtp://127.0.0.1:${(server.address() as AddressInfo).port}` })),
  );
}

let t: TestApp;
let smtp: Awaited<ReturnType<typeof smtpSink>>;
let relay: OutboxRelayService;
let ds: DataSource;

beforeAll(async () => {
  smtp = await smtpSink();
  t = await bootTestApp([CoreModule, HttpAuthModule, PlatformModule], { SMTP_URL: smtp.url });
  ds = t.app.get(DataSource);
  // The relay normally runs in the worker; here it is driven directly against the same database.
  relay = new OutboxRelayService(ds, new Mailer(t.app.get(APP_CONFIG)), t.app.get(MemberDirectory));
}, 60_000);
afterAll(async () => {
  await t?.close();
  smtp?.server.close();
});

async function newUser(email: string): Promise<string> {
  const [row] = await ds.query(`INSERT INTO users (email, password_hash, display_name) VALUES ($1, 'x', '收件人') RETURNING id`, [email]);
  return row.id;
}

async function enqueue(userId: string, n: number): Promise<void> {
  await ds.transaction(async (m) => {
    for (let i = 0; i < n; i++) {
      await t.app.get(OutboxService).enqueue(m, 'notification', {
        userId,
        kind: 'test',
        title: { zh: `通知 ${i}`, en: `Notice ${i}` },
        body: { zh: '正文', en: 'Body' },
        email: i === 0,
      });
    }
  });
}

describe('outbox relay', () => {
  it('delivers each message exactly once even with three relays racing, and e-mails over SMTP', async () => {
    const userId = await newUser('relay@example.cn');
    await enqueue(userId, 250);
    const delivered = await Promise.all([relay.relayAll(40), relay.relayAll(40), relay.relayAll(40)]);
    expect(delivered.reduce((a, b) => a + b, 0)).toBe(250);
    const [{ n, emailed }] = await ds.query(
      `SELECT count(*)::int AS n, count(emailed_at)::int AS emailed FROM notifications WHERE user_id = $1`,
      [userId],
    );
    expect(n).toBe(250);
    expect(emailed).toBe(1);
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0]).toContain('relay@example.cn');
    expect(await relay.relayAll()).toBe(0);
  });

  it('does not relay what was rolled back (written in the same transaction as the change)', async () => {
    const userId = await newUser('rollback@example.cn');
    await expect(
      ds.transaction(async (m) => {
        await t.app.get(OutboxService).enqueue(m, 'notification', { userId, kind: 'x', title: { zh: 'a', en: 'a' }, body: { zh: 'b', en: 'b' } });
        throw new Error('change failed');
      }),
    ).rejects.toThrow('change failed');
    await relay.relayAll();
    const [{ n }] = await ds.query('SELECT count(*)::int AS n FROM notifications WHERE user_id = $1', [userId]);
    expect(n).toBe(0);
  });

  it('notify sends one notification per distinct recipient and skips empty ids', async () => {
    const [a, b] = [await newUser('notify-a@example.cn'), await newUser('notify-b@example.cn')];
    await ds.transaction((m) =>
      t.app.get(OutboxService).notify(m, [a, b, a, null, undefined], { kind: 'fan-out', title: { zh: '标题', en: 'Title' }, body: { zh: '正文', en: 'Body' }, link: '/x' }),
    );
    await relay.relayAll();
    const rows: { user_id: string; link: string }[] = await ds.query(`SELECT user_id, link FROM notifications WHERE kind = 'fan-out' ORDER BY user_id`, []);
    expect(rows.map((r) => r.user_id).sort()).toEqual([a, b].sort());
    expect(rows.every((r) => r.link === '/x')).toBe(true);
  });

  it('delivers the rest of a batch when one notification cannot be delivered, and keeps that one pending', async () => {
    const userId = await newUser('batch@example.cn');
    await ds.transaction(async (m) => {
      const outbox = t.app.get(OutboxService);
      const note = (to: string, i: number) => ({ userId: to, kind: 'batch', title: { zh: `批 ${i}`, en: `Batch ${i}` }, body: { zh: '正文', en: 'Body' } });
      await outbox.enqueue(m, 'notification', note(userId, 1));
      // A recipient deleted since: the set-based insert fails on it, so the batch is redone row by row.
      await outbox.enqueue(m, 'notification', note('00000000-0000-4000-8000-000000000000', 2));
      await outbox.enqueue(m, 'notification', note(userId, 3));
    });
    await relay.relayAll();
    const delivered: { title: { en: string } }[] = await ds.query(`SELECT title FROM notifications WHERE kind = 'batch' ORDER BY created_at`);
    expect(delivered.map((r) => r.title.en).sort()).toEqual(['Batch 1', 'Batch 3']);
    const [pending] = await ds.query(`SELECT attempts, last_error, processed_at FROM outbox WHERE payload->>'kind' = 'batch' AND processed_at IS NULL`);
    expect(pending).toMatchObject({ attempts: 1, processed_at: null });
    expect(pending.last_error).toContain('foreign key');
  });

  // E-mailed ones are relayed row by row, in-app ones in one set-based statement: both collapse alike.
  it.each([
    ['e-mailed (row by row)', true],
    ['in-app only (set-based)', false],
  ])('keeps one unread notification per recipient and collapse key: the newest text wins, read ones stay — %s', async (name, email) => {
    const tag = email ? 'mail' : 'app';
    const [a, b] = [await newUser(`collapse-a-${tag}@example.cn`), await newUser(`collapse-b-${tag}@example.cn`)];
    const outbox = t.app.get(OutboxService);
    const note = (text: string) => ({ kind: 'chat', title: { zh: '新消息', en: 'New message' }, body: { zh: text, en: text }, link: '/room/1', collapseKey: 'room:1', email });
    const rows = () => ds.query(`SELECT user_id, body->>'en' AS text, read_at FROM notifications WHERE kind = 'chat' AND user_id IN ($1, $2) ORDER BY created_at, user_id`, [a, b]);
    const mailed = smtp.messages.length;
    // Three in one transaction (ordered by the outbox's clock), one in another; a different key is another notification.
    await ds.transaction(async (m) => {
      for (const text of ['one', 'two', 'three']) await outbox.notify(m, [a, b], note(text));
    });
    await ds.transaction((m) => outbox.notify(m, [a], { ...note('other room'), collapseKey: 'room:2', link: '/room/2' }));
    await relay.relayAll();
    // Dated by their (latest) event: a's 'three' was enqueued before b's.
    expect(await rows()).toEqual([
      { user_id: a, text: 'three', read_at: null },
      { user_id: b, text: 'three', read_at: null },
      { user_id: a, text: 'other room', read_at: null },
    ]);
    expect(smtp.messages.length - mailed).toBe(email ? 3 : 0); // a replacement is not e-mailed again

    // An older message relayed late (relays overtaking each other) does not replace a newer text.
    await ds.query(`INSERT INTO outbox (topic, payload, created_at) VALUES ('notification', $1, now() - interval '1 minute')`, [{ userId: b, ...note('stale') }]);
    await relay.relayAll();
    expect((await rows()).find((r: { user_id: string; text: string }) => r.user_id === b && r.text !== 'other room').text).toBe('three');

    // Read, it stays; the next one starts a new unread notification.
    await ds.query(`UPDATE notifications SET read_at = now() WHERE user_id = $1 AND kind = 'chat'`, [a]);
    await ds.transaction((m) => outbox.notify(m, [a], note('four')));
    await relay.relayAll();
    const mine: { text: string; read_at: Date | null }[] = (await rows()).filter((r: { user_id: string }) => r.user_id === a);
    expect(mine.map((r) => [r.text, r.read_at === null])).toEqual([['three', false], ['other room', false], ['four', true]]);
  });

  it('delivers a redelivered message (same outbox row) only once, e-mailed or not', async () => {
    const userId = await newUser('redeliver@example.cn');
    await enqueue(userId, 2); // the first is e-mailed (row by row), the second in-app only (set-based)
    await relay.relayAll();
    await ds.query(`UPDATE outbox SET processed_at = NULL WHERE payload->>'userId' = $1`, [userId]);
    expect(await relay.relayAll()).toBe(2);
    const [{ n }] = await ds.query('SELECT count(*)::int AS n FROM notifications WHERE user_id = $1', [userId]);
    expect(n).toBe(2);
  });

  it('keeps a failing message pending with its error instead of losing it', async () => {
    await ds.query(`INSERT INTO outbox (topic, payload) VALUES ('unknown-topic', '{}')`);
    await relay.relayAll();
    const [row] = await ds.query(`SELECT attempts, last_error, processed_at FROM outbox WHERE topic = 'unknown-topic'`);
    expect(row).toMatchObject({ attempts: 1, processed_at: null });
    expect(row.last_error).toContain('unknown outbox topic');
  });
});

describe('audit chain schedule', () => {
  it('links entries a process committed but stopped before linking', async () => {
    const processor = new OutboxRelayProcessor(relay, t.app.get(AuditService), t.app.get(QueueService), t.app.get(APP_CONFIG));
    // Inserted as append() does, but nobody in this process is told to link it: as after a crash.
    await ds.query(`INSERT INTO audit_log (occurred_at, actor_id, action, entity_type, entity_id) VALUES (now(), NULL, 'test.orphan', 'test', NULL)`);
    const result = await processor.process({ name: JOBS.auditChain, data: { reason: 'schedule' } } as Job);
    expect(result).toEqual({ linked: 1 });
    const [row] = await ds.query(`SELECT chain_pos, hash FROM audit_log WHERE action = 'test.orphan'`);
    expect(row.chain_pos).not.toBeNull();
    expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await t.app.get(AuditService).verify()).toMatchObject({ ok: true });
  });
});

describe('notifications API', () => {
  it('lists only the caller’s notifications and marks them read', async () => {
    const jwt = (await import('@nestjs/jwt')).JwtService;
    const userId = await newUser('reader@example.cn');
    const other = await newUser('other@example.cn');
    await enqueue(userId, 3);
    await enqueue(other, 1);
    await relay.relayAll();
    const sign = (sub: string) =>
      new jwt().signAsync({ sub, email: 'x', roles: [], typ: 'access' }, { secret: t.env['JWT_ACCESS_SECRET'], issuer: 'ttx' });
    const token = await sign(userId);
    const list = await call(t.app, 'GET', '/api/notifications?page=1&pageSize=2', { token });
    expect(list.status).toBe(200);
    expect(list.json).toMatchObject({ total: 3, unread: 3, page: 1, pageSize: 2 });
    expect(list.json.items).toHaveLength(2);
    const id = list.json.items[0].id;
    expect((await call(t.app, 'POST', `/api/notifications/${id}/read`, { token })).status).toBe(204);
    expect((await call(t.app, 'GET', '/api/notifications', { token })).json.unread).toBe(2);
    // Someone else's notification looks absent.
    expect((await call(t.app, 'POST', `/api/notifications/${id}/read`, { token: await sign(other) })).status).toBe(404);
    expect((await call(t.app, 'GET', '/api/notifications?pageSize=1000', { token })).status).toBe(400);
  });
});

describe('health', () => {
  it('reports db and redis up', async () => {
    const res = await call(t.app, 'GET', '/api/health');
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ status: 'ok', db: 'up', redis: 'up' });
  });
});

describe('health when Redis is down', () => {
  it('answers 503 with a problem body naming the part that is down', async () => {
    const down = await bootTestApp([CoreModule, HttpAuthModule, PlatformModule], { REDIS_URL: 'redis://127.0.0.1:1' });
    try {
      const res = await call(down.app, 'GET', '/api/health');
      expect(res.status).toBe(503);
      expect(String(res.headers['content-type'])).toContain('application/problem+json');
      expect(res.json).toMatchObject({ status: 503, db: 'up', redis: 'down' });
    } finally {
      await down.close();
    }
  }, 30_000);
});
