/** @app/referrals — cross-region referral and joint enforcement (issue 6). */
export * from './referrals.module';
export * from './referral.service';
export * from './referral-views';
export * from './referral-deadline.source';
export * from './partner.service';
export * from './supervision.service';
export * from './supervision-deadline.source';
