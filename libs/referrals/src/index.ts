/** @app/referrals — cross-region referral and joint enforcement (issue 6). */
export * from './referrals.module';
export * from './referral.service';
export * from './referral-views';
export * from './referral-deadline.source';
