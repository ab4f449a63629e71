/** Bulk import of complaints from other hotline systems' exports (issue 5). */
export * from './complaint-import-columns';
export {
  decodeText,
  parseComplaintFile,
  parseCsv,
  zipUnpackedSize,
  type ImportCell,
  type ImportRow,
  type ParsedImportFile,
} from './complaint-import-file';
export * from './complaint-import-row';
export * from './complaint-import.service';
