// exceljs's streaming workbook writer on its own: the package's entry also loads its readers and
// its whole-workbook model, which took most of a second to load on each `generate`.
declare module 'exceljs/lib/stream/xlsx/workbook-writer.js' {
  import type { stream } from 'exceljs';
  const WorkbookWriter: typeof stream.xlsx.WorkbookWriter;
  export = WorkbookWriter;
}
