// "tflint: Show Rule Documentation" and "tflint: Fix All".
import * as vscode from 'vscode';
import { DOCUMENT_SELECTOR, errorText, ServerManager } from './server';
import { ExecuteCommandRequest } from 'vscode-languageclient/node';
import { resolveInterpreter, runPython } from './interpreter';

export const RULE_SCHEME = 'tflint-rule';
export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('tflint');
/** The server's workspace/executeCommand returning a rule's page ({code, name, markdown, ...}). */
const SHOW_RULE_COMMAND = 'tflint.showRule';
const CODE_RE = /^TFL\d{3}$/i;
const NAME_RE = /^[a-z][a-z0-9-]*$/;

/** Read-only documents `tflint-rule:/TFL201.md` with the text of `python -m tflint rule TFL201`. */
export class RuleDocumentProvider implements vscode.TextDocumentContentProvider {
  private readonly cache = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  set(uri: vscode.Uri, text: string): void {
    this.cache.set(uri.toString(), text);
    this.changed.fire(uri);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.cache.get(uri.toString()) ?? '';
  }
}

function tflintDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source?.startsWith('tflint'));
}

function diagnosticCode(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  if (c === undefined) {
    return undefined;
  }
  return typeof c === 'object' ? String(c.value) : String(c);
}

/** The rule code to document: the argument, the diagnostic under the cursor, or the user's pick. */
async function pickRuleCode(arg: unknown): Promise<string | undefined> {
  if (typeof arg === 'string' && arg.trim()) {
    return arg.trim();
  }
  const editor = vscode.window.activeTextEditor;
  const items: (vscode.QuickPickItem & { code: string })[] = [];
  const seen = new Set<string>();
  if (editor) {
    const diags = tflintDiagnostics(editor.document.uri);
    const atCursor = diags.filter((d) => d.range.contains(editor.selection.active));
    for (const d of [...atCursor, ...diags]) {
      const code = diagnosticCode(d);
      if (code && !seen.has(code)) {
        seen.add(code);
        items.push({ label: code, description: `line ${d.range.start.line + 1}`, detail: d.message, code });
      }
    }
  }
  const qp = vscode.window.createQuickPick<vscode.QuickPickItem & { code: string }>();
  qp.title = 'tflint: Show Rule Documentation';
  qp.placeholder = 'Rule code or name, e.g. TFL201 or fit-without-validation';
  qp.items = items;
  qp.matchOnDetail = true;
  return new Promise((resolve) => {
    let done = false;
    qp.onDidAccept(() => {
      const picked = qp.selectedItems[0]?.code ?? qp.value.trim();
      if (!picked) {
        return;
      }
      if (!CODE_RE.test(picked) && !NAME_RE.test(picked)) {
        qp.title = `"${picked}" is not a rule code (TFL201) or rule name (fit-without-validation)`;
        return;
      }
      done = true;
      qp.hide();
      resolve(picked.toUpperCase().startsWith('TFL') ? picked.toUpperCase() : picked);
    });
    qp.onDidChangeValue(() => (qp.title = 'tflint: Show Rule Documentation'));
    qp.onDidHide(() => {
      qp.dispose();
      if (!done) {
        resolve(undefined);
      }
    });
    qp.show();
  });
}

function asMarkdown(text: string): string {
  // the rule page is Markdown; anything else is shown verbatim
  return /^#{1,3} /m.test(text) ? text : '```text\n' + text + '\n```\n';
}

export async function showRuleDocumentation(
  provider: RuleDocumentProvider,
  server: ServerManager,
  log: vscode.LogOutputChannel,
  arg?: unknown,
): Promise<void> {
  const code = await pickRuleCode(arg);
  if (!code) {
    return;
  }
  const uri = vscode.Uri.from({ scheme: RULE_SCHEME, path: `/${code}.md` });
  // the running server knows the rules of the tflint it runs; else ask the CLI
  const client = server.languageClient;
  const commands = client?.initializeResult?.capabilities.executeCommandProvider?.commands ?? [];
  if (client && commands.includes(SHOW_RULE_COMMAND)) {
    try {
      const page = await client.sendRequest(ExecuteCommandRequest.type, { command: SHOW_RULE_COMMAND, arguments: [code] });
      if (page && typeof page.markdown === 'string') {
        provider.set(uri, page.markdown);
        await showMarkdown(uri);
        return;
      }
    } catch (e) {
      void vscode.window.showErrorMessage(`tflint: ${errorText(e)}`);
      return;
    }
  }
  const resource = vscode.window.activeTextEditor?.document.uri;
  const interpreter = await resolveInterpreter(resource);
  const cwd = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const r = await runPython(interpreter.path, ['-m', 'tflint', 'rule', code], { cwd, timeoutMs: 30_000 });
  if (r.spawnError || r.code !== 0 || !r.stdout.trim()) {
    const detail = r.spawnError ? r.spawnError.message : (r.stderr || r.stdout).trim();
    log.error(`${interpreter.path} -m tflint rule ${code} failed: ${detail}`);
    void vscode.window.showErrorMessage(`tflint: no documentation for ${code}: ${detail.split('\n').pop() ?? ''}`);
    return;
  }
  provider.set(uri, asMarkdown(r.stdout));
  await showMarkdown(uri);
}

async function showMarkdown(uri: vscode.Uri): Promise<void> {
  try {
    await vscode.commands.executeCommand('markdown.showPreview', uri);
  } catch {
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc, { preview: true });
  }
}

async function fixAllInDocument(doc: vscode.TextDocument, log: vscode.LogOutputChannel): Promise<number> {
  if (!vscode.languages.match(DOCUMENT_SELECTOR, doc)) {
    return 0;
  }
  const full = new vscode.Range(doc.lineAt(0).range.start, doc.lineAt(doc.lineCount - 1).range.end);
  const actions =
    (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      full,
      FIX_ALL_KIND.value,
      10,
    )) ?? [];
  let applied = 0;
  for (const a of actions) {
    if (!('kind' in a) || !a.kind || !FIX_ALL_KIND.contains(a.kind)) {
      continue;
    }
    if (a.edit && a.edit.size > 0) {
      if (await vscode.workspace.applyEdit(a.edit)) {
        applied++;
      } else {
        log.warn(`could not apply "${a.title}" to ${doc.uri.toString()}`);
      }
    }
    if (a.command) {
      await vscode.commands.executeCommand(a.command.command, ...(a.command.arguments ?? []));
      applied++;
    }
  }
  return applied;
}

/** Applies the server's `source.fixAll.tflint` action to the active file or every cell of the active notebook. */
export async function fixAll(server: ServerManager, log: vscode.LogOutputChannel): Promise<void> {
  if (!server.languageClient) {
    void vscode.window.showWarningMessage('tflint: the language server is not running.');
    return;
  }
  const nb = vscode.window.activeNotebookEditor?.notebook;
  const editor = vscode.window.activeTextEditor;
  const docs: vscode.TextDocument[] = [];
  if (nb && (!editor || editor.document.uri.scheme === 'vscode-notebook-cell')) {
    docs.push(...nb.getCells().filter((c) => c.kind === vscode.NotebookCellKind.Code).map((c) => c.document));
  } else if (editor) {
    docs.push(editor.document);
  }
  if (docs.length === 0) {
    void vscode.window.showInformationMessage('tflint: open a Python file or notebook first.');
    return;
  }
  try {
    let applied = 0;
    for (const doc of docs) {
      applied += await fixAllInDocument(doc, log);
    }
    if (applied === 0) {
      void vscode.window.showInformationMessage('tflint: nothing to fix automatically.');
    }
  } catch (e) {
    log.error(`Fix All failed: ${errorText(e)}`);
    void vscode.window.showErrorMessage(`tflint: Fix All failed: ${errorText(e)}`);
  }
}
