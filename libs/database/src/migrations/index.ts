// Every migration, in order. `npm run migration:create -- Name` adds an empty one to this list.
import { Foundation1764000000000 } from './1764000000000-foundation';
import { Notifications1764100000000 } from './1764100000000-notifications';
import { Cases1764200000000 } from './1764200000000-cases';
import { CaseListCovering1764200000001 } from './1764200000001-case-list-covering';
import { Intake1764300000000 } from './1764300000000-intake';
import { ComplaintDecisions1764300000001 } from './1764300000001-complaint-decisions';
import { ComplaintFollowUp1764300000002 } from './1764300000002-complaint-follow-up';
import { RegionPinyin1764300000003 } from './1764300000003-region-pinyin';
import { ComplaintDuplicateIndexes1764300000004 } from './1764300000004-complaint-duplicate-indexes';
import { CalendarVersion1764300000005 } from './1764300000005-calendar-version';
import { ReferenceVersions1764300000006 } from './1764300000006-reference-versions';
import { ComplaintNameCore1764300000007 } from './1764300000007-complaint-name-core';
import { Referrals1764400000000 } from './1764400000000-referrals';
import { ComplaintReferrals1764500000000 } from './1764500000000-complaint-referrals';
import { Credit1764600000000 } from './1764600000000-credit';
import { DecisionPublications1764600000001 } from './1764600000001-decision-publications';
import { Stats1764700000000 } from './1764700000000-stats';
import { StatsTotals1764700000001 } from './1764700000001-stats-totals';

export const migrations = [
  Foundation1764000000000,
  Notifications1764100000000,
  Cases1764200000000,
  CaseListCovering1764200000001,
  Intake1764300000000,
  ComplaintDecisions1764300000001,
  ComplaintFollowUp1764300000002,
  RegionPinyin1764300000003,
  ComplaintDuplicateIndexes1764300000004,
  CalendarVersion1764300000005,
  ReferenceVersions1764300000006,
  ComplaintNameCore1764300000007,
  Referrals1764400000000,
  ComplaintReferrals1764500000000,
  Credit1764600000000,
  DecisionPublications1764600000001,
  Stats1764700000000,
  StatsTotals1764700000001,
];
