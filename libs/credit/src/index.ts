/** @app/credit — credit listing of serious infringers and the public registry (issue 7). */
export * from './credit.module';
export * from './credit-listing.service';
export * from './credit-public.service';
export * from './credit-views';
export * from './credit-public-view';
export * from './decision-publication.service';
export * from './publication-deadline.source';
export * from './registry-cache';
export * from './credit-attachment.service';
