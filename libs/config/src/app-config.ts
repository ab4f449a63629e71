import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

const int = () => Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)));
const bool = () =>
  Transform(({ value }) =>
    value === undefined || value === ''
      ? undefined
      : ['1', 'true', 'yes'].includes(String(value).toLowerCase()),
  );
const list = () =>
  Transform(({ value }) =>
    value === undefined || value === ''
      ? []
      : String(value)
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
  );

const DEV_JWT_SECRET = 'dev-only-secret-change-me-0123456789abcdef';

/** Names of variables whose values never appear in logs. */
export const SECRET_VARIABLES = [
  'JWT_SECRET',
  'DATABASE_URL',
  'REDIS_URL',
  'SMTP_PASSWORD',
  'DEMO_PASSWORD',
] as const;

/**
 * The one validated environment schema. Every default works with the local PostgreSQL and Redis
 * described in the README; production must set JWT_SECRET.
 */
export class AppConfig {
  @IsIn(['development', 'test', 'production']) NODE_ENV: 'development' | 'test' | 'production' =
    'development';
  @int() @IsInt() @Min(0) @Max(65535) PORT = 3000;
  @IsString() HOST = '0.0.0.0';
  @IsString() DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/ipe';
  /** Read replicas for heavy reads (statistics); empty = use the primary. */
  @list() @IsString({ each: true }) DATABASE_REPLICA_URLS: string[] = [];
  @int() @IsInt() @Min(1) @Max(200) DATABASE_POOL_SIZE = 10;
  @bool() @IsBoolean() DATABASE_LOG_QUERIES = false;
  @IsString() REDIS_URL = 'redis://127.0.0.1:6379';
  /** BullMQ key prefix; lets several environments share one Redis. */
  @IsString() @MinLength(1) QUEUE_PREFIX = 'ipe';
  @IsString() @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' }) JWT_SECRET =
    DEV_JWT_SECRET;
  @int() @IsInt() @Min(60) @Max(86400) JWT_ACCESS_TTL_SECONDS = 900;
  @int() @IsInt() @Min(3600) REFRESH_TTL_SECONDS = 30 * 86400;
  @int() @IsInt() @Min(1) @Max(100) LOGIN_MAX_FAILURES = 5;
  @int() @IsInt() @Min(1) LOGIN_LOCK_MINUTES = 15;
  /** Login attempts per IP per minute (rate limit, separate from the per-account lockout). */
  @int() @IsInt() @Min(1) LOGIN_RATE_PER_MINUTE = 20;
  /** Public complaint-form submissions and tracking look-ups per IP per minute. */
  @int() @IsInt() @Min(1) PUBLIC_COMPLAINT_RATE_PER_MINUTE = 10;
  /**
   * How similar (pg_trgm trigram similarity, 0–1) the cores of two respondent names must be for the duplicate check
   * to show them. 0.4, not pg_trgm's 0.3: Chinese names share place and industry (南京…电子科技 and 南京…电子科技
   * score 0.33), and one firm with or without place or industry still scores 0.45 and more.
   */
  @int() @IsNumber() @Min(0.1) @Max(1) DUPLICATE_NAME_SIMILARITY = 0.4;
  @list() @IsString({ each: true }) CORS_ORIGINS: string[] = [];
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']) LOG_LEVEL = 'info';
  @bool() @IsBoolean() LOG_PRETTY = false;
  @int() @IsInt() @Min(1024) BODY_LIMIT_BYTES = 1024 * 1024;
  /** Folder of the built web app served at `/`; empty disables static serving. */
  @IsOptional() @IsString() WEB_DIST?: string;
  @IsString() DEMO_PASSWORD = 'Demo@2026';
  @IsString() SMTP_HOST = '127.0.0.1';
  /** 1025 is the port of the usual local mail catchers (Mailpit, MailHog). */
  @int() @IsInt() @Min(1) @Max(65535) SMTP_PORT = 1025;
  @bool() @IsBoolean() SMTP_SECURE = false;
  @IsOptional() @IsString() SMTP_USER?: string;
  @IsOptional() @IsString() SMTP_PASSWORD?: string;
  @IsString() MAIL_FROM = '"知识产权执法案件管理" <noreply@ipe.local>';
  @int() @IsInt() @Min(100) @Max(120_000) SMTP_TIMEOUT_MS = 10_000;
  /** Where people reach the web app (links in e-mails). */
  @IsString() PUBLIC_BASE_URL = 'http://localhost:3000';
  @int() @IsInt() @Min(100) @Max(60_000) WEBHOOK_TIMEOUT_MS = 5000;
  /** A deadline is "due soon" from this many working days before it. */
  @int() @IsInt() @Min(0) @Max(60) DEADLINE_DUE_SOON_WORKING_DAYS = 2;
  /** Overdue this many working days → escalated to the supervisors of the region. */
  @int() @IsInt() @Min(0) @Max(250) DEADLINE_ESCALATE_AFTER_WORKING_DAYS = 3;
  /** Minutes between deadline sweeps (one schedule for the whole cluster). */
  @int() @IsInt() @Min(1) @Max(1440) DEADLINE_SWEEP_MINUTES = 5;
  /** Folder for evidence files and generated documents (created on first use). */
  @IsString() @MinLength(1) STORAGE_ROOT = 'data/storage';
  /** Largest evidence file accepted, in bytes (default 100 MiB). */
  @int() @IsInt() @Min(1024) @Max(10 * 1024 * 1024 * 1024) EVIDENCE_MAX_BYTES = 100 * 1024 * 1024;
  /** File extensions accepted as evidence (lower case, without the dot). */
  @list() @IsString({ each: true }) EVIDENCE_EXTENSIONS: string[] = [
    'pdf',
    'jpg',
    'jpeg',
    'png',
    'gif',
    'webp',
    'tif',
    'tiff',
    'heic',
    'mp4',
    'mov',
    'avi',
    'mp3',
    'wav',
    'm4a',
    'doc',
    'docx',
    'xls',
    'xlsx',
    'ppt',
    'pptx',
    'txt',
    'csv',
    'ofd',
    'zip',
    '7z',
    'eml',
    'html',
    'json',
    'xml',
  ];
  /**
   * Local values for deadline rules marked [S] or [U] in domain.md, as JSON:
   * {"fast_track.closing": {"amount": 15, "unit": "WD"}}. Statutory ([V]) rules cannot be overridden.
   */
  @IsString() CASE_DEADLINE_OVERRIDES = '{}';
  /**
   * Credit listing (domain.md §2, [U] defaults): a fine at or above this many yuan is the aggravated end of the
   * discretion benchmark, which proposes the party for listing when its case closes.
   */
  @int() @IsInt() @Min(1) CREDIT_HEAVY_FINE_YUAN = 100_000;
  /** Working days the subject has to make a statement and defence after the notice is served ([U], default 5). */
  @int() @IsInt() @Min(1) @Max(60) CREDIT_DEFENCE_WINDOW_WD = 5;
  /** Seconds an API process reuses a rendered public-registry response (0: never; clients may cache 60 s). */
  @int() @IsInt() @Min(0) @Max(60) REGISTRY_CACHE_SECONDS = 10;
  /** Minutes between credit sweeps: lapsed defence windows, listings whose period ended. */
  @int() @IsInt() @Min(1) CREDIT_SWEEP_MINUTES = 15;
  /** Seconds between statistics projections (the dashboards lag the source by about this much). */
  @int() @IsInt() @Min(1) @Max(3600) STATS_PROJECT_SECONDS = 5;
  /** Seconds a statistics answer reuses its open/overdue count for the same scope and filters (0: never). */
  @int() @IsInt() @Min(0) @Max(600) STATS_SNAPSHOT_SECONDS = 30;
  /** When the nightly statistics reconciliation runs (cron, Asia/Shanghai). */
  @IsString() @MinLength(9) STATS_RECONCILE_CRON = '30 2 * * *';
  /** Whether the reconciliation repairs the drift it reports (false: report only). */
  @bool() @IsBoolean() STATS_RECONCILE_REPAIR = true;
  /** Minutes between audit checkpoints sealing all stream heads. */
  @int() @IsInt() @Min(1) AUDIT_CHECKPOINT_MINUTES = 5;

  get isProduction(): boolean {
    return this.NODE_ENV === 'production';
  }
}

export class ConfigValidationError extends Error {}

/** Builds and validates the configuration; throws naming every bad variable (values of secrets are masked). */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  defaults: Partial<Record<keyof AppConfig, string>> = {},
): AppConfig {
  const known = Object.keys(new AppConfig());
  const raw: Record<string, string> = { ...defaults };
  for (const key of known) if (env[key] !== undefined) raw[key] = env[key] as string;
  const config = plainToInstance(AppConfig, raw, { exposeDefaultValues: true });
  const errors = validateSync(config, { whitelist: false });
  if (config.isProduction && config.JWT_SECRET === DEV_JWT_SECRET) {
    throw new ConfigValidationError('JWT_SECRET must be set in production');
  }
  if (errors.length) {
    const lines = errors.map((e) => {
      const secret = (SECRET_VARIABLES as readonly string[]).includes(e.property);
      const shown = secret ? '***' : JSON.stringify(raw[e.property]);
      return `${e.property}=${shown}: ${Object.values(e.constraints ?? {}).join('; ')}`;
    });
    throw new ConfigValidationError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  return config;
}

/** The environment with some variables replaced (tests give each file its own database). */
export function loadConfigWith(overrides: Partial<Record<keyof AppConfig, string>>): AppConfig {
  return loadConfig({ ...process.env, ...overrides });
}
