/**
 * Queue and job names with their payloads (style.md: stable string values, never class names —
 * renaming a class must not strand queued jobs). `enqueue(name, data)` is type-checked against JobPayloads.
 */
export enum QueueName {
  Maintenance = 'maintenance',
  NotifyInbox = 'notify-inbox',
  NotifyEmail = 'notify-email',
  NotifyWebhook = 'notify-webhook',
  NotifySms = 'notify-sms',
  /** The deadline sweep (its own queue: the maintenance queue has exactly one processor). */
  Deadlines = 'deadlines',
  /** The credit sweep: lapsed defence windows, listings whose period ended (issue 7). */
  Credit = 'credit',
  /** Statistics: the projection of logged changes into the summaries, and the nightly reconciliation (issue 8). */
  Stats = 'stats',
}

export enum JobName {
  AuditCheckpoint = 'audit.checkpoint',
  /** Deliver one notification_deliveries row; the job id is `d<delivery id>`. */
  Deliver = 'notification.deliver',
  /** Deliver several deliveries of a channel that can write them at once (the in-app inbox). */
  DeliverBatch = 'notification.deliver_batch',
  /** Scan every DeadlineSource and emit due-soon / overdue / escalation notices. */
  DeadlineSweep = 'deadline.sweep',
  CreditSweep = 'credit.sweep',
  StatsProject = 'stats.project',
  StatsReconcile = 'stats.reconcile',
}

export interface JobPayloads {
  [JobName.AuditCheckpoint]: Record<string, never>;
  [JobName.Deliver]: { deliveryId: string; requestId?: string | null };
  [JobName.DeliverBatch]: { deliveryIds: string[] };
  [JobName.DeadlineSweep]: Record<string, never>;
  [JobName.CreditSweep]: Record<string, never>;
  [JobName.StatsProject]: Record<string, never>;
  [JobName.StatsReconcile]: Record<string, never>;
}

/** The queue of each channel (one queue, one processor per channel). */
export const CHANNEL_QUEUE = {
  inbox: QueueName.NotifyInbox,
  email: QueueName.NotifyEmail,
  webhook: QueueName.NotifyWebhook,
  sms: QueueName.NotifySms,
} as const;
