import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { IntakeError } from '../intake.errors.js';
import { type TableRow, readTable } from './table-reader.js';

async function rows(chunks: Buffer[]): Promise<TableRow[]> {
  const out: TableRow[] = [];
  for await (const row of readTable(Readable.from(chunks))) out.push(row);
  return out;
}

/** Splits bytes into small chunks, cutting multi-byte characters in half on purpose. */
const chunked = (bytes: Buffer, size = 7) =>
  Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) =>
    bytes.subarray(i * size, (i + 1) * size),
  );

describe('readTable', () => {
  it('reads UTF-8 CSV with BOM, quotes, CRLF and characters cut across chunks', async () => {
    const csv = '\uFEFF工单编号,诉求内容\r\nA-1,"拖欠工资,共计3万元"\r\n\r\nA-2,"多行\n内容"\r\n';
    expect(await rows(chunked(Buffer.from(csv)))).toEqual([
      { row: 1, cells: ['工单编号', '诉求内容'] },
      { row: 2, cells: ['A-1', '拖欠工资,共计3万元'] },
      { row: 3, cells: [''] },
      { row: 4, cells: ['A-2', '多行\n内容'] },
    ]);
  });

  it('reads GB18030 and tab-separated files', async () => {
    // 工单编号<TAB>内容 / A-1<TAB>欠薪, encoded in GB18030.
    const gb = Buffer.from('b9a4b5a5b1e0bac509c4dac8dd0a412d3109c7b7d0bd0a', 'hex');
    expect(await rows([gb])).toEqual([
      { row: 1, cells: ['工单编号', '内容'] },
      { row: 2, cells: ['A-1', '欠薪'] },
    ]);
  });

  it('reads the first sheet of an XLSX workbook', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('工单').addRows([
      ['工单编号', '派单时间'],
      ['A-1', new Date(Date.UTC(2026, 10, 2, 9))],
    ]);
    workbook.addWorksheet('说明').addRow(['不读']);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const read = await rows(chunked(bytes, 4096));
    expect(read).toEqual([
      { row: 1, cells: ['工单编号', '派单时间'] },
      { row: 2, cells: ['A-1', new Date(Date.UTC(2026, 10, 2, 9))] },
    ]);
  });

  it.each([
    ['an empty file', Buffer.alloc(0)],
    ['an old .xls file', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0, 0, 0])],
    ['a broken zip', Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5])],
    ['binary junk', Buffer.from([0x41, 0x00, 0x42, 0x00])],
  ])('refuses %s as unreadable', async (_, bytes) => {
    await expect(rows([bytes])).rejects.toBeInstanceOf(IntakeError);
  });

  it('fails with the source when the upload breaks off', async () => {
    const source = new Readable({ read() {} });
    source.push(Buffer.from('工单编号,诉求内容\nA-1,x\n'));
    const failure = IntakeError.tooLarge(1024);
    setTimeout(() => source.destroy(failure), 20);
    const read = (async () => {
      for await (const _ of readTable(source)) void _;
    })();
    await expect(read).rejects.toBe(failure);
  });
});
