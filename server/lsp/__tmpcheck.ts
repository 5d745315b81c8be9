import { createConnection, ProposedFeatures, TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
const c = createConnection(ProposedFeatures.all);
const d = new TextDocuments(TextDocument);
console.log(typeof c, typeof d, typeof createProtocolConnection, StreamMessageReader, StreamMessageWriter);
