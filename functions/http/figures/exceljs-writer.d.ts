/**
 * exceljs's streaming workbook writer on its own (the package's full entry adds the reader, its
 * unzipper and CSV support: twice the bundle). Typed as the package types it.
 */
declare module 'exceljs/lib/stream/xlsx/workbook-writer.js' {
  import type { stream } from 'exceljs';

  const WorkbookWriter: typeof stream.xlsx.WorkbookWriter;
  export default WorkbookWriter;
}
