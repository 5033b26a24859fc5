// tflint for VS Code: starts `python -m tflint lsp` and adds the tflint commands.
import * as vscode from 'vscode';
import { fixAll, RULE_SCHEME, RuleDocumentProvider, showRuleDocumentation } from './commands';
import { onDidChangePythonInterpreter } from './interpreter';
import { DiagnoseRun } from './diagnoseRun';
import { Probe } from './probe';
import { ServerManager } from './server';
import { StatusBar } from './status';

let server: ServerManager | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const log = vscode.window.createOutputChannel('tflint', { log: true });
  const status = new StatusBar();
  server = new ServerManager(log, status);
  const probe = new Probe(log);
  const diagnoseRun = new DiagnoseRun(log, context.globalStorageUri);
  const rules = new RuleDocumentProvider();
  const srv = server;
  context.subscriptions.push(
    log,
    status,
    probe,
    diagnoseRun,
    { dispose: () => void srv.dispose() },
    vscode.workspace.registerTextDocumentContentProvider(RULE_SCHEME, rules),
    vscode.commands.registerCommand('tflint.restart', () => srv.restart('restart requested')),
    vscode.commands.registerCommand('tflint.showLogs', () => log.show()),
    vscode.commands.registerCommand('tflint.showRuleDocumentation', (code?: unknown) =>
      showRuleDocumentation(rules, srv, log, code),
    ),
    vscode.commands.registerCommand('tflint.fixAll', () => fixAll(srv, log)),
    vscode.commands.registerCommand('tflint.probe', (uri?: unknown) => probe.run(uri)),
    vscode.commands.registerCommand('tflint.diagnoseRun', (uri?: unknown) => diagnoseRun.run(uri)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      // the other tflint.* settings reach the running server through workspace/configuration
      if (e.affectsConfiguration('tflint.interpreter')) {
        void srv.restart('tflint.interpreter changed');
      } else if (e.affectsConfiguration('tflint')) {
        srv.notebooks.refreshAll();
      }
    }),
    vscode.workspace.onDidCloseTextDocument((doc) => probe.collection.delete(doc.uri)),
  );
  const pythonListener = await onDidChangePythonInterpreter(() => {
    const configured = vscode.workspace.getConfiguration('tflint').get<string>('interpreter', '');
    if (!configured.trim()) {
      void srv.restart('the Python interpreter changed');
    }
  });
  if (pythonListener) {
    context.subscriptions.push(pythonListener);
  }
  if (!vscode.workspace.isTrusted) {
    context.subscriptions.push(
      vscode.workspace.onDidGrantWorkspaceTrust(() => void srv.restart('workspace trusted')),
    );
  }
  await srv.restart('starting');
}

export async function deactivate(): Promise<void> {
  await server?.dispose();
  server = undefined;
}
