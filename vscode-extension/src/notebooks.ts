// Pull diagnostics for the cells of Jupyter notebooks.
//
// vscode-languageclient 9 pulls `textDocument/diagnostic` only for documents it sent `textDocument/didOpen`
// for; the cells of a notebook synced with notebook document sync never get one, so their diagnostics
// would never be asked for. The server answers pulls for cell URIs (it lints the notebook as one program),
// so after each notebook open / change / save we pull every code cell ourselves.
import * as vscode from 'vscode';
import {
  DocumentDiagnosticReportKind,
  DocumentDiagnosticRequest,
  LanguageClient,
  LSPErrorCodes,
  NotebookDocumentMiddleware,
  ResponseError,
} from 'vscode-languageclient/node';

const DEBOUNCE_MS = 50;
const RETRIES = 5;

export class NotebookDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('tflint-notebooks');
  private client: LanguageClient | undefined;
  private timers = new Map<string, NodeJS.Timeout>();
  private generation = new Map<string, number>();

  constructor(private readonly log: vscode.LogOutputChannel) {}

  /** Use this client for pulls, when the server supports pull diagnostics; undefined: stop pulling. */
  attach(client: LanguageClient | undefined): void {
    this.client = client;
    this.collection.clear();
    if (client && this.enabled()) {
      for (const nb of vscode.workspace.notebookDocuments) {
        this.schedule(nb);
      }
    }
  }

  private enabled(): boolean {
    return !!this.client?.initializeResult?.capabilities.diagnosticProvider;
  }

  middleware(): NotebookDocumentMiddleware['notebooks'] {
    return {
      didOpen: async (nb, cells, next) => {
        await next(nb, cells);
        this.schedule(nb);
      },
      didChange: async (event, next) => {
        await next(event);
        this.schedule(event.notebook);
      },
      didSave: async (nb, next) => {
        await next(nb);
        this.schedule(nb);
      },
      didClose: async (nb, cells, next) => {
        await next(nb, cells);
        this.clear(nb);
      },
    };
  }

  /** Re-pull every open notebook (after a settings change). */
  refreshAll(): void {
    for (const nb of vscode.workspace.notebookDocuments) {
      this.schedule(nb);
    }
  }

  private schedule(nb: vscode.NotebookDocument): void {
    if (!this.enabled()) {
      return;
    }
    const key = nb.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.pull(nb);
      }, DEBOUNCE_MS),
    );
  }

  private clear(nb: vscode.NotebookDocument): void {
    const key = nb.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.generation.set(key, (this.generation.get(key) ?? 0) + 1);
    this.collection.forEach((uri) => {
      if (uri.scheme === 'vscode-notebook-cell' && uri.path === nb.uri.path) {
        this.collection.delete(uri);
      }
    });
  }

  private async pull(nb: vscode.NotebookDocument): Promise<void> {
    const client = this.client;
    if (!client || nb.isClosed) {
      return;
    }
    const key = nb.uri.toString();
    const gen = (this.generation.get(key) ?? 0) + 1;
    this.generation.set(key, gen);
    const cells = nb.getCells().filter((c) => c.kind === vscode.NotebookCellKind.Code);
    const results = new Map<string, vscode.Diagnostic[]>();
    for (const cell of cells) {
      const uri = cell.document.uri.toString();
      if (cell.document.languageId !== 'python') {
        results.set(uri, []);
        continue;
      }
      const items = await this.pullCell(client, uri, () => this.generation.get(key) !== gen);
      if (items === undefined) {
        return; // superseded by a newer pull, or the client went away
      }
      results.set(uri, items);
    }
    if (this.generation.get(key) !== gen || this.client !== client) {
      return;
    }
    this.clear(nb);
    this.generation.set(key, gen);
    for (const [uri, diags] of results) {
      this.collection.set(vscode.Uri.parse(uri), diags);
    }
  }

  private async pullCell(
    client: LanguageClient,
    uri: string,
    superseded: () => boolean,
  ): Promise<vscode.Diagnostic[] | undefined> {
    for (let attempt = 0; attempt <= RETRIES; attempt++) {
      if (superseded() || this.client !== client) {
        return undefined;
      }
      try {
        const report = await client.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
        if (report.kind !== DocumentDiagnosticReportKind.Full) {
          return undefined;
        }
        return await client.protocol2CodeConverter.asDiagnostics(report.items);
      } catch (e) {
        const retrigger =
          e instanceof ResponseError &&
          (e.code === LSPErrorCodes.ServerCancelled || e.code === LSPErrorCodes.ContentModified);
        if (!retrigger) {
          this.log.warn(`pulling diagnostics for ${uri}: ${e instanceof Error ? e.message : String(e)}`);
          return undefined;
        }
        await new Promise((r) => setTimeout(r, 100 * (attempt + 1)));
      }
    }
    return undefined;
  }

  dispose(): void {
    for (const t of this.timers.values()) {
      clearTimeout(t);
    }
    this.collection.dispose();
  }
}
