/** The import room's public face: a CourseCo export into the journal, at once or prepared then committed. */
export { commitImport, importExport, prepareImport, type ImportOutcome, type ImportRequest, type PreparedImport } from './import-service';
