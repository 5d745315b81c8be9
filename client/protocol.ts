/**
 * The custom requests between the client and the studyspec language server. The wire types are
 * the server's (server/lsp/protocol.ts), imported as types only, so the client bundle pulls in
 * nothing of the server; the method names are repeated here, checked against the server's.
 */
import type { Notifications as ServerNotifications, Requests as ServerRequests } from '../server/lsp/protocol';

export type {
  CoverageChangedParams,
  CoverageConstruct,
  CoverageFramework,
  CoverageQuestionRef,
  CoverageResult,
  DocumentKindInfo,
  DocumentKindsResult,
  ExportParams,
  ExportResult,
  GeneratedDocument,
  GeneratedDocumentsParams,
  GeneratedDocumentsResult,
  PreviewTabId,
} from '../server/lsp/protocol';

export const Requests: typeof ServerRequests = {
  documentKinds: 'studyspec/documentKinds',
  generatedDocuments: 'studyspec/generatedDocuments',
  coverage: 'studyspec/coverage',
  export: 'studyspec/export',
};

export const Notifications: typeof ServerNotifications = {
  coverageChanged: 'studyspec/coverageChanged',
};
