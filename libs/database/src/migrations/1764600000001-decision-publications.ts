import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Publication of decisions (issue 7; domain.md §1 and §2C): one row per published-kind decision of a case, due
 * within 20 working days, with the summary as the public sees it (redacted), its period, and how it ended.
 */
export class DecisionPublications1764600000001 implements MigrationInterface {
  name = 'DecisionPublications1764600000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE decision_publications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL UNIQUE REFERENCES cases(id),
        state text NOT NULL DEFAULT 'pending'
          CHECK (state IN ('pending', 'published', 'expired', 'withdrawn', 'stopped')),
        decision_no text NOT NULL,
        decided_on date NOT NULL,
        outcome text NOT NULL,
        office_id uuid NOT NULL REFERENCES offices(id),
        region_code char(6) NOT NULL REFERENCES regions(code),
        ip_type text NOT NULL,
        -- The summary as published (总局令第45号 Art 6: personal data and commercial secrets processed).
        party_kind text NOT NULL CHECK (party_kind IN ('enterprise', 'individual')),
        party_name text NOT NULL,
        party_uscc char(18),
        violation text NOT NULL CHECK (length(violation) BETWEEN 1 AND 500),
        penalty text NOT NULL CHECK (length(penalty) BETWEEN 1 AND 500),
        rule_id text NOT NULL,
        due_at timestamptz NOT NULL,
        period_months integer NOT NULL CHECK (period_months > 0),
        publish_from date,
        publish_until date,
        published_by uuid REFERENCES users(id),
        published_at timestamptz,
        -- The decision was changed or revoked: take the publication down by then (3 working days).
        withdraw_due_at timestamptz,
        ended_at timestamptz,
        end_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CHECK (state <> 'published' OR (publish_from IS NOT NULL AND publish_until IS NOT NULL))
      )`);
    await q.query(
      `CREATE INDEX decision_publications_office_idx ON decision_publications (office_id, state, due_at)`,
    );
    await q.query(
      `CREATE INDEX decision_publications_due_idx ON decision_publications (due_at, id) WHERE state = 'pending'`,
    );
    await q.query(
      `CREATE INDEX decision_publications_withdraw_idx ON decision_publications (withdraw_due_at, id)
        WHERE state = 'published' AND withdraw_due_at IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX decision_publications_public_idx ON decision_publications (publish_from DESC, id DESC)
        WHERE state = 'published'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS decision_publications`);
  }
}
