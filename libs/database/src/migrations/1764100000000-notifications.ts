import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notification queues: outbox rows become deliveries (one per channel and recipient) in the relay's transaction;
 * deliveries are pushed to BullMQ and their fate recorded here, so nothing depends on Redis keeping anything.
 */
export class Notifications1764100000000 implements MigrationInterface {
  name = 'Notifications1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification_deliveries (
        id bigserial PRIMARY KEY,
        outbox_id bigint NOT NULL REFERENCES outbox(id),
        topic text NOT NULL,
        channel text NOT NULL CHECK (channel IN ('inbox', 'email', 'webhook', 'sms')),
        -- user:<uuid> | email:<address> | webhook:<endpoint uuid> | sms:<phone>
        recipient text NOT NULL,
        status text NOT NULL DEFAULT 'pending'
          CHECK (status IN ('pending', 'delivered', 'failed', 'dead', 'discarded')),
        attempts integer NOT NULL DEFAULT 0,
        -- Bumped by a manual retry: the job id includes it, as the failed job of the earlier try still exists.
        generation integer NOT NULL DEFAULT 0,
        last_error text,
        enqueued_at timestamptz,
        delivered_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (outbox_id, channel, recipient)
      )`);
    // What the enqueuer looks for: pending deliveries not (or no longer) in a queue.
    await q.query(`CREATE INDEX notification_deliveries_pending_idx ON notification_deliveries (enqueued_at, id)
                   WHERE status IN ('pending', 'failed')`);
    await q.query(`CREATE INDEX notification_deliveries_dead_idx ON notification_deliveries (updated_at DESC)
                   WHERE status = 'dead'`);
    await q.query(`
      CREATE TABLE notification_attempts (
        id bigserial PRIMARY KEY,
        delivery_id bigint NOT NULL REFERENCES notification_deliveries(id),
        attempt integer NOT NULL,
        ok boolean NOT NULL,
        error text,
        duration_ms integer NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX notification_attempts_delivery_idx ON notification_attempts (delivery_id, attempt)`,
    );

    await q.query(`
      CREATE TABLE inbox_messages (
        id bigserial PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        delivery_id bigint UNIQUE REFERENCES notification_deliveries(id),
        topic text NOT NULL,
        title_zh text NOT NULL,
        title_en text NOT NULL,
        body_zh text NOT NULL DEFAULT '',
        body_en text NOT NULL DEFAULT '',
        link text,
        data jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz
      )`);
    await q.query(`CREATE INDEX inbox_messages_user_idx ON inbox_messages (user_id, id DESC)`);
    await q.query(
      `CREATE INDEX inbox_messages_unread_idx ON inbox_messages (user_id, id DESC) WHERE read_at IS NULL`,
    );

    await q.query(`
      CREATE TABLE notification_preferences (
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        topic text NOT NULL,
        channels text[] NOT NULL CHECK (channels <@ ARRAY['inbox', 'email', 'sms']::text[]),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, topic)
      )`);
    await q.query(`ALTER TABLE users ADD COLUMN email text, ADD COLUMN phone text`);

    await q.query(`
      CREATE TABLE webhook_endpoints (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        url text NOT NULL CHECK (url ~ '^https?://'),
        secret text NOT NULL,
        topics text[] NOT NULL CHECK (cardinality(topics) > 0),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);

    // One notice per tracked item, deadline and kind, however many sweeps run (design.md rule 3).
    await q.query(`
      CREATE TABLE deadline_notices (
        source text NOT NULL,
        item_id text NOT NULL,
        deadline_key text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('due_soon', 'overdue', 'escalated')),
        due_at timestamptz NOT NULL,
        outbox_id bigint REFERENCES outbox(id),
        emitted_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (source, item_id, deadline_key, kind)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS deadline_notices, webhook_endpoints, notification_preferences, inbox_messages,
      notification_attempts, notification_deliveries CASCADE`);
    await q.query(`ALTER TABLE users DROP COLUMN IF EXISTS email, DROP COLUMN IF EXISTS phone`);
  }
}
