import ExcelJS from 'exceljs';
import { csvChunks, xlsxStream, type Column } from './table-export';

interface Row {
  name: string;
  n: number | null;
}
const COLUMNS: Column<Row>[] = [
  { header: '名称', kind: 'text', value: (r) => r.name },
  { header: '数量', kind: 'count', value: (r) => r.n },
];

async function* batchesOf(rows: Row[], size: number): AsyncGenerator<Row[]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

async function text(chunks: AsyncIterable<string>): Promise<string> {
  let s = '';
  for await (const c of chunks) s += c;
  return s;
}

describe('table export', () => {
  it('writes CSV with a BOM, quoting and formula-looking text neutralised, from batches', async () => {
    const rows: Row[] = [
      { name: '杭州, 西湖', n: 3 },
      { name: '=HYPERLINK("x")', n: null },
      { name: '说"明"', n: 0 },
    ];
    const csv = await text(csvChunks(COLUMNS, batchesOf(rows, 2)));
    expect(csv).toBe('\uFEFF名称,数量\r\n"杭州, 西湖",3\r\n"\'=HYPERLINK(""x"")",\r\n"说""明""",0\r\n');
  });

  it('streams XLSX with a frozen header and continues on a new sheet past the row limit', async () => {
    const rows = Array.from({ length: 5 }, (_, i) => ({ name: `第${i + 1}行`, n: i + 1 }));
    const stream = xlsxStream('案件', COLUMNS, batchesOf(rows, 2), 2);
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(c as Buffer);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['案件', '案件 (2)', '案件 (3)']);
    const names = book.worksheets.flatMap((s) => {
      const out: unknown[] = [];
      s.eachRow((r, i) => i > 1 && out.push(r.getCell(1).value));
      return out;
    });
    expect(names).toEqual(rows.map((r) => r.name));
    const first = book.worksheets[0];
    expect(first.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(first.getRow(1).getCell(2).value).toBe('数量');
    expect(first.getColumn(2).numFmt).toBe('#,##0');
  });
});
