// Open documents as the server sees them: the parsed CorpusDocument is the only copy of the
// text, updated in place from LSP's incremental changes so an edit never re-parses the file.

import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import type { CorpusDocument, LanguageService, TextChange } from '../languageService';

export interface OpenDocument {
  uri: string;
  version: number;
  doc: CorpusDocument;
}

export class DocumentStore {
  private readonly docs = new Map<string, OpenDocument>();

  constructor(private readonly service: LanguageService) {}

  open(uri: string, version: number, text: string): OpenDocument {
    const entry = { uri, version, doc: this.service.parse(text) };
    this.docs.set(uri, entry);
    return entry;
  }

  change(uri: string, version: number, changes: readonly TextDocumentContentChangeEvent[]): OpenDocument | undefined {
    const entry = this.docs.get(uri);
    if (!entry) return undefined;
    let doc = entry.doc;
    for (const change of changes) {
      if ('range' in change) {
        const edit: TextChange = {
          start: this.service.offsetAt(doc, change.range.start),
          end: this.service.offsetAt(doc, change.range.end),
          text: change.text,
        };
        doc = this.service.update(doc, [edit]);
      } else {
        doc = this.service.parse(change.text);
      }
    }
    entry.doc = doc;
    entry.version = version;
    return entry;
  }

  close(uri: string): void {
    this.docs.delete(uri);
  }

  /** The document, parsed again first if it was parsed under older settings. */
  get(uri: string): OpenDocument | undefined {
    const entry = this.docs.get(uri);
    if (entry) this.refresh(entry);
    return entry;
  }

  /** Parses again every document parsed under older settings. */
  reparseStale(): void {
    for (const entry of this.docs.values()) this.refresh(entry);
  }

  private refresh(entry: OpenDocument): void {
    if (!this.service.isCurrent(entry.doc)) entry.doc = this.service.parse(entry.doc.text);
  }

  all(): OpenDocument[] {
    return [...this.docs.values()];
  }
}

