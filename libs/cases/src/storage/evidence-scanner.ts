import { Injectable } from '@nestjs/common';

export interface ScanResult {
  clean: boolean;
  /** Engine's name for what it found, when not clean. */
  threat?: string;
  engine: string;
}

/**
 * The virus-scan hook: every evidence file is scanned after it is stored and before its row is written; a file
 * found infected is deleted and the upload refused. Bind EVIDENCE_SCANNER to an implementation that talks to the
 * office's scanner (e.g. clamd over its socket); the default accepts every file and says so in the audit record.
 */
export interface EvidenceScanner {
  scan(path: string, meta: { fileName: string; contentType: string; size: number }): Promise<ScanResult>;
}

export const EVIDENCE_SCANNER = Symbol('EVIDENCE_SCANNER');

@Injectable()
export class NoopEvidenceScanner implements EvidenceScanner {
  scan(): Promise<ScanResult> {
    return Promise.resolve({ clean: true, engine: 'none' });
  }
}
