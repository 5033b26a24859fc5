// "tflint: Probe This Training Script": runs `python -m tflint probe FILE --format json`
// (which executes the script) in a trusted workspace and shows the findings as diagnostics.
import { spawn } from 'child_process';
import * as path from 'path';
import * as vscode from 'vscode';
import { resolveInterpreter } from './interpreter';
import { errorText } from './server';

export const PROBE_SOURCE = 'tflint probe';

interface Finding {
  path?: string;
  code: string;
  message: string;
  help?: string;
  severity?: string;
  range: vscode.Range;
  url?: string;
}

function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** JSON lines/columns are 1-based (tflint's JSON output); VS Code's are 0-based. */
function rangeOf(item: Record<string, any>): vscode.Range {
  const loc = item.range ?? item.location ?? {};
  const start = loc.start ?? item.start ?? loc;
  const end = loc.end ?? item.end ?? start;
  const line = num(start.line) ?? num(start.row) ?? num(item.line) ?? num(item.row) ?? 1;
  const col = num(start.column) ?? num(start.col) ?? num(item.column) ?? num(item.col) ?? 1;
  const endLine = num(end.line) ?? num(end.row) ?? num(item.end_line) ?? num(item.endLine) ?? line;
  const endCol = num(end.column) ?? num(end.col) ?? num(item.end_column) ?? num(item.endColumn);
  const s = new vscode.Position(Math.max(0, line - 1), Math.max(0, col - 1));
  const e =
    endCol !== undefined
      ? new vscode.Position(Math.max(0, endLine - 1), Math.max(0, endCol - 1))
      : new vscode.Position(Math.max(0, endLine - 1), Number.MAX_SAFE_INTEGER);
  return e.isBefore(s) ? new vscode.Range(s, s) : new vscode.Range(s, e);
}

/** Accepts a list of findings, or an object holding one under `findings`, `diagnostics` or `results`. */
export function parseProbeOutput(stdout: string): Finding[] {
  const data = JSON.parse(stdout);
  const list: unknown = Array.isArray(data) ? data : (data.findings ?? data.diagnostics ?? data.results ?? []);
  if (!Array.isArray(list)) {
    throw new Error('unexpected JSON: no list of findings');
  }
  return list
    .filter((x): x is Record<string, any> => !!x && typeof x === 'object')
    .map((x) => ({
      path: x.path ?? x.filename ?? x.file,
      code: String(x.code ?? x.rule ?? 'TFL600'),
      message: String(x.message ?? x.msg ?? ''),
      help: typeof x.help === 'string' && x.help ? x.help : undefined,
      severity: typeof x.severity === 'string' ? x.severity : undefined,
      range: rangeOf(x),
      url: x.url ?? x.href ?? x.codeDescription?.href,
    }));
}

export function severityOf(s?: string): vscode.DiagnosticSeverity {
  switch ((s ?? '').toLowerCase()) {
    case 'error':
      return vscode.DiagnosticSeverity.Error;
    case 'info':
    case 'information':
      return vscode.DiagnosticSeverity.Information;
    case 'hint':
      return vscode.DiagnosticSeverity.Hint;
    default:
      return vscode.DiagnosticSeverity.Warning;
  }
}

export class Probe implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('tflint-probe');
  private running = new Set<string>();

  constructor(private readonly log: vscode.LogOutputChannel) {}

  async run(arg?: unknown): Promise<void> {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage(
        'tflint: the probe runs your training script, so it is only available in a trusted workspace.',
      );
      return;
    }
    const uri = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
    const doc = uri ? vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString()) : undefined;
    if (!uri || uri.scheme !== 'file' || (doc && doc.languageId !== 'python')) {
      void vscode.window.showInformationMessage('tflint: open a Python training script (saved to disk) to probe it.');
      return;
    }
    if (this.running.has(uri.fsPath)) {
      void vscode.window.showInformationMessage(`tflint: ${path.basename(uri.fsPath)} is already being probed.`);
      return;
    }
    if (doc?.isDirty) {
      await doc.save();
    }
    const interpreter = await resolveInterpreter(uri);
    // the probe runs the script in its own folder and reports paths relative to it
    const cwd = path.dirname(uri.fsPath);
    const args = ['-m', 'tflint', 'probe', uri.fsPath, '--format', 'json'];
    this.running.add(uri.fsPath);
    try {
      await vscode.window.withProgress(
        {
          location: vscode.ProgressLocation.Notification,
          title: `tflint: probing ${path.basename(uri.fsPath)}`,
          cancellable: true,
        },
        (progress, token) => this.execute(interpreter.path, args, cwd, uri, progress, token),
      );
    } finally {
      this.running.delete(uri.fsPath);
    }
  }

  private execute(
    python: string,
    args: string[],
    cwd: string,
    uri: vscode.Uri,
    progress: vscode.Progress<{ message?: string }>,
    token: vscode.CancellationToken,
  ): Promise<void> {
    this.log.info(`probe: ${python} ${args.join(' ')} (in ${cwd})`);
    progress.report({ message: 'running the script…' });
    return new Promise((resolve) => {
      // its own process group, so that cancelling stops the script and everything it started
      const child = spawn(python, args, {
        cwd,
        detached: process.platform !== 'win32',
        env: { ...process.env, PYTHONUNBUFFERED: '1', PYTHONIOENCODING: 'utf-8' },
      });
      let stdout = '';
      let cancelled = false;
      child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
      child.stderr.setEncoding('utf8').on('data', (d: string) => {
        for (const line of d.split(/\r?\n/)) {
          if (line.trim()) {
            this.log.info(`probe: ${line}`);
            progress.report({ message: line.length > 80 ? line.slice(0, 77) + '…' : line });
          }
        }
      });
      const cancel = token.onCancellationRequested(() => {
        cancelled = true;
        try {
          if (child.pid !== undefined && process.platform !== 'win32') {
            process.kill(-child.pid, 'SIGTERM');
          } else {
            child.kill();
          }
        } catch {
          // already gone
        }
      });
      child.on('error', (e) => {
        cancel.dispose();
        this.log.error(`probe: cannot run ${python}: ${e.message}`);
        void vscode.window.showErrorMessage(`tflint: cannot run ${python}: ${e.message}`);
        resolve();
      });
      child.on('close', (code) => {
        cancel.dispose();
        if (cancelled) {
          this.log.info('probe: cancelled');
          resolve();
          return;
        }
        try {
          const findings = parseProbeOutput(stdout);
          this.show(uri, cwd, findings);
          this.log.info(`probe: ${findings.length} finding(s), exit code ${code}`);
          const n = findings.length;
          void vscode.window
            .showInformationMessage(
              n === 0 ? 'tflint probe: no problems found.' : `tflint probe: ${n} finding${n === 1 ? '' : 's'}.`,
              ...(n ? ['Show Problems'] : []),
            )
            .then((c) => c && vscode.commands.executeCommand('workbench.actions.view.problems'));
        } catch (e) {
          this.log.error(`probe: exit code ${code}; could not read its JSON output: ${errorText(e)}\n${stdout}`);
          void vscode.window
            .showErrorMessage(`tflint: the probe failed (exit code ${code}). See the tflint output.`, 'Show Output')
            .then((c) => c && this.log.show());
        }
        resolve();
      });
    });
  }

  private show(uri: vscode.Uri, cwd: string, findings: Finding[]): void {
    const byFile = new Map<string, vscode.Diagnostic[]>();
    byFile.set(uri.toString(), []);
    for (const f of findings) {
      const target = f.path ? vscode.Uri.file(path.resolve(cwd, f.path)) : uri;
      const d = new vscode.Diagnostic(f.range, f.message, severityOf(f.severity));
      d.source = PROBE_SOURCE;
      d.code = f.url ? { value: f.code, target: vscode.Uri.parse(f.url) } : f.code;
      if (f.help) {
        // the remedy, shown under the message as the language server shows it for static findings
        d.relatedInformation = [new vscode.DiagnosticRelatedInformation(new vscode.Location(target, f.range), `help: ${f.help}`)];
      }
      const key = target.toString();
      byFile.set(key, [...(byFile.get(key) ?? []), d]);
    }
    for (const [key, diags] of byFile) {
      this.collection.set(vscode.Uri.parse(key), diags);
    }
  }

  dispose(): void {
    this.collection.dispose();
  }
}
