// "tflint: Diagnose Training Run": runs `python -m tflint diagnose LOG --format json --report FILE`
// on a training run's logs (the `.tflint/last_run.json` that tflint.keras.Monitor writes, a CSVLogger
// file, a Keras History saved as JSON, or a TensorBoard folder) and shows the findings as diagnostics,
// with the HTML report of the curves one click away. It reads logs only: it never runs the training.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { resolveInterpreter, runPython } from './interpreter';
import { parseProbeOutput, severityOf } from './probe';

export const RUN_SOURCE = 'tflint run';
const LATEST = path.join('.tflint', 'last_run.json');

/** The Monitor's record in a workspace folder, if a run left one. */
function latestRecords(): vscode.Uri[] {
  return (vscode.workspace.workspaceFolders ?? [])
    .map((f) => vscode.Uri.file(path.join(f.uri.fsPath, LATEST)))
    .filter((u) => fs.existsSync(u.fsPath));
}

async function pickLog(): Promise<vscode.Uri | undefined> {
  const latest = latestRecords();
  const choose = 'Choose a log file or TensorBoard folder…';
  if (latest.length) {
    const items = [...latest.map((u) => ({ label: `Latest run: ${vscode.workspace.asRelativePath(u)}`, uri: u })), { label: choose, uri: undefined }];
    const picked = await vscode.window.showQuickPick(items, { title: 'tflint: which run?' });
    if (!picked) {
      return undefined;
    }
    if (picked.uri) {
      return picked.uri;
    }
  }
  const chosen = await vscode.window.showOpenDialog({
    title: 'tflint: a CSVLogger file, a History JSON, or a TensorBoard log folder',
    canSelectFiles: true,
    canSelectFolders: true,
    canSelectMany: false,
    filters: { 'Training logs': ['csv', 'json', 'tsv'], 'All files': ['*'] },
  });
  return chosen?.[0];
}

export class DiagnoseRun implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('tflint-run');

  constructor(
    private readonly log: vscode.LogOutputChannel,
    private readonly storage: vscode.Uri | undefined,
  ) {}

  async run(arg?: unknown): Promise<void> {
    const target = arg instanceof vscode.Uri ? arg : await pickLog();
    if (!target) {
      return;
    }
    if (target.scheme !== 'file') {
      void vscode.window.showInformationMessage('tflint: choose a log on disk.');
      return;
    }
    const interpreter = await resolveInterpreter(target);
    const folder = fs.existsSync(target.fsPath) && fs.statSync(target.fsPath).isDirectory() ? target.fsPath : path.dirname(target.fsPath);
    const storage = this.storage?.fsPath ?? os.tmpdir();
    fs.mkdirSync(storage, { recursive: true });
    const report = path.join(storage, 'tflint-run-report.html');
    const args = ['-m', 'tflint', 'diagnose', target.fsPath, '--format', 'json', '--report', report, '--exit-zero'];
    this.log.info(`diagnose: ${interpreter.path} ${args.join(' ')} (in ${folder})`);
    const r = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `tflint: diagnosing ${path.basename(target.fsPath)}` },
      () => runPython(interpreter.path, args, { cwd: folder, timeoutMs: 120_000 }),
    );
    if (r.spawnError || r.code !== 0) {
      const why = r.spawnError ? `cannot run ${interpreter.path}: ${r.spawnError.message}` : r.stderr.trim() || `exit code ${r.code}`;
      this.log.error(`diagnose: ${why}`);
      void vscode.window.showErrorMessage(`tflint: ${why.replace(/^tflint: /, '')}`);
      return;
    }
    let findings;
    try {
      findings = parseProbeOutput(r.stdout);
    } catch (e) {
      this.log.error(`diagnose: could not read the JSON output: ${String(e)}\n${r.stdout}`);
      void vscode.window.showErrorMessage('tflint: the run diagnosis failed. See the tflint output.');
      return;
    }
    this.collection.clear();
    const byFile = new Map<string, vscode.Diagnostic[]>();
    for (const f of findings) {
      const file = vscode.Uri.file(path.resolve(folder, f.path ?? target.fsPath)).toString();
      const d = new vscode.Diagnostic(f.range, f.message, severityOf(f.severity));
      d.source = RUN_SOURCE;
      d.code = f.url ? { value: f.code, target: vscode.Uri.parse(f.url) } : f.code;
      byFile.set(file, [...(byFile.get(file) ?? []), d]);
    }
    for (const [file, diags] of byFile) {
      this.collection.set(vscode.Uri.parse(file), diags);
    }
    const n = findings.length;
    this.log.info(`diagnose: ${n} finding(s); report ${report}`);
    const actions = [...(n ? ['Show Problems'] : []), 'Open Report'];
    const choice = await vscode.window.showInformationMessage(
      n === 0 ? 'tflint: no problems found in this run.' : `tflint: ${n} problem${n === 1 ? '' : 's'} in this run.`,
      ...actions,
    );
    if (choice === 'Show Problems') {
      await vscode.commands.executeCommand('workbench.actions.view.problems');
    } else if (choice === 'Open Report') {
      await vscode.env.openExternal(vscode.Uri.file(report));
    }
  }

  dispose(): void {
    this.collection.dispose();
  }
}
