import { Injectable } from '@nestjs/common';

export interface DeadlineSettingsValues {
  /** A deadline is "due soon" from this many working days before it (DEADLINE_DUE_SOON_WORKING_DAYS). */
  dueSoonWorkingDays: number;
  /** Overdue this many working days → escalated to the region's supervisors (DEADLINE_ESCALATE_AFTER_WORKING_DAYS). */
  escalateAfterWorkingDays: number;
  /** Minutes between scheduled sweeps (DEADLINE_SWEEP_MINUTES). */
  sweepMinutes: number;
  /** Items per transaction: a large sweep is many short transactions, not one long one. */
  batchSize: number;
}

const LIMITS: Record<keyof DeadlineSettingsValues, [min: number, max: number]> = {
  dueSoonWorkingDays: [0, 60],
  escalateAfterWorkingDays: [0, 250],
  sweepMinutes: [1, 24 * 60],
  batchSize: [1, 10_000],
};

/**
 * Settings of the deadline sweep. The defaults are the suggested AppConfig defaults; once libs/config has the
 * variables, DeadlineModule provides this from AppConfig (`DeadlineSettings.of({ dueSoonWorkingDays:
 * c.DEADLINE_DUE_SOON_WORKING_DAYS, … })`). Tests override the provider with `DeadlineSettings.of({...})`.
 */
@Injectable()
export class DeadlineSettings implements DeadlineSettingsValues {
  dueSoonWorkingDays = 2;
  escalateAfterWorkingDays = 3;
  sweepMinutes = 5;
  batchSize = 100;

  /** Defaults with some values replaced; throws on a value out of range. */
  static of(overrides: Partial<DeadlineSettingsValues> = {}): DeadlineSettings {
    const settings = Object.assign(new DeadlineSettings(), overrides);
    for (const [key, [min, max]] of Object.entries(LIMITS) as [keyof DeadlineSettingsValues, number[]][]) {
      const value = settings[key];
      if (!Number.isInteger(value) || value < min || value > max) {
        throw new Error(`Deadline setting ${key} must be an integer from ${min} to ${max}, got ${value}`);
      }
    }
    return settings;
  }
}
