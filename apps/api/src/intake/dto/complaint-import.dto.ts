import type {
  ComplaintImportReport,
  ImportedRow,
  ImportRowError,
  RejectedRow,
  SkippedRow,
} from '@app/intake';
import { ApiProperty } from '@nestjs/swagger';

export class ImportRowErrorDto implements ImportRowError {
  @ApiProperty({
    description: 'the complaint field, or `row` for the row as a whole',
    example: 'rightNumber',
  })
  field: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: "the file's header for that field",
    example: '权利号',
  })
  column: string | null;
  @ApiProperty({ example: 'INVALID' }) code: string;
  @ApiProperty({ description: 'English' }) message: string;
  @ApiProperty({ description: 'Chinese' }) messageZh: string;
}

export class ImportedRowDto implements ImportedRow {
  @ApiProperty({ description: 'the row number as a spreadsheet shows it (header = 1)' }) row: number;
  @ApiProperty() externalRef: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null in a dry run' })
  id: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'null in a dry run' }) trackingNo: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) officeId: string | null;
  @ApiProperty({ type: String, nullable: true }) officeName: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) dueDate: string | null;
}

export class SkippedRowDto implements SkippedRow {
  @ApiProperty() row: number;
  @ApiProperty() externalRef: string;
  @ApiProperty({ format: 'uuid', description: 'the complaint imported before' }) id: string;
  @ApiProperty() trackingNo: string;
}

export class RejectedRowDto implements RejectedRow {
  @ApiProperty() row: number;
  @ApiProperty({ type: String, nullable: true }) externalRef: string | null;
  @ApiProperty({ type: [ImportRowErrorDto] }) errors: ImportRowErrorDto[];
}

/** What an import did (or, in a dry run, would do), row by row. */
export class ComplaintImportReportDto implements ComplaintImportReport {
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'the audit entity of the import; null in a dry run',
  })
  importId: string | null;
  @ApiProperty() dryRun: boolean;
  @ApiProperty() sourceSystem: string;
  @ApiProperty() fileName: string;
  @ApiProperty() sha256: string;
  @ApiProperty({ enum: ['csv', 'xlsx'] }) format: 'csv' | 'xlsx';
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'how a CSV was decoded (utf-8, gb18030, utf-16le)',
  })
  encoding: string | null;
  @ApiProperty({ description: 'data rows read (blank rows not counted)' }) total: number;
  @ApiProperty({ type: [ImportedRowDto] }) imported: ImportedRowDto[];
  @ApiProperty({ type: [SkippedRowDto], description: 'imported before (same source system and number)' })
  skipped: SkippedRowDto[];
  @ApiProperty({ type: [RejectedRowDto] }) rejected: RejectedRowDto[];
}
