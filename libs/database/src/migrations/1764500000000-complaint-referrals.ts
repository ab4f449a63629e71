import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Referrals of complaints (issue 6): a complaint, like a case, can be transferred to the competent office or be the
 * subject of an assistance request. A referral now concerns exactly one of a case, a complaint or a partner
 * system's own case (external_case).
 */
export class ComplaintReferrals1764500000000 implements MigrationInterface {
  name = 'ComplaintReferrals1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE referrals ADD COLUMN complaint_id uuid REFERENCES complaints(id)`);
    // The unnamed CHECK of the first migration (case or external case), found by its definition.
    const [old] = (await q.query(
      `SELECT conname FROM pg_constraint
        WHERE conrelid = 'referrals'::regclass AND contype = 'c'
          AND pg_get_constraintdef(oid) LIKE '%external_case IS NOT NULL%'`,
    )) as { conname: string }[];
    if (old) await q.query(`ALTER TABLE referrals DROP CONSTRAINT "${old.conname}"`);
    await q.query(
      `ALTER TABLE referrals ADD CONSTRAINT referrals_one_subject
         CHECK (num_nonnulls(case_id, complaint_id, external_case) = 1)`,
    );
    await q.query(
      `CREATE INDEX referrals_complaint_idx ON referrals (complaint_id, created_at) WHERE complaint_id IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DELETE FROM referral_evidence WHERE referral_id IN (SELECT id FROM referrals WHERE complaint_id IS NOT NULL)`,
    );
    await q.query(
      `DELETE FROM referral_events WHERE referral_id IN (SELECT id FROM referrals WHERE complaint_id IS NOT NULL)`,
    );
    await q.query(`DELETE FROM referrals WHERE complaint_id IS NOT NULL`);
    await q.query(`ALTER TABLE referrals DROP CONSTRAINT referrals_one_subject`);
    await q.query(`ALTER TABLE referrals DROP COLUMN complaint_id`);
    await q.query(
      `ALTER TABLE referrals ADD CONSTRAINT referrals_check CHECK (case_id IS NOT NULL OR external_case IS NOT NULL)`,
    );
  }
}
