/**
 * Queue and job names with their payloads (style.md: stable string values, never class names —
 * renaming a class must not strand queued jobs). `enqueue(name, data)` is type-checked against JobPayloads.
 */
export enum QueueName {
  Maintenance = 'maintenance',
}

export enum JobName {
  AuditCheckpoint = 'audit.checkpoint',
}

export interface JobPayloads {
  [JobName.AuditCheckpoint]: Record<string, never>;
}

export const JOB_QUEUE: Record<JobName, QueueName> = {
  [JobName.AuditCheckpoint]: QueueName.Maintenance,
};
