// Which Python runs `python -m tflint ...`, and whether tflint is importable there.
import { execFile } from 'child_process';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';

export type InterpreterSource = 'setting' | 'python-extension' | 'default';

export interface Interpreter {
  /** The executable (absolute path, or a name looked up on PATH such as `python3`). */
  path: string;
  source: InterpreterSource;
}

export type ImportCheck =
  | { kind: 'ok'; version: string }
  | { kind: 'not-found'; detail: string } // the interpreter itself could not be run
  | { kind: 'not-installed'; detail: string } // it runs, but `import tflint` fails
  | { kind: 'server-broken'; detail: string } // tflint imports, its language server does not (e.g. pygls missing)
  | { kind: 'error'; detail: string };

export const DEFAULT_INTERPRETER = 'python3';

/** Subset of the ms-python.python extension API that we use (see @vscode/python-extension). */
interface PythonExtensionApi {
  environments?: {
    getActiveEnvironmentPath(resource?: vscode.Uri): { id: string; path: string };
    resolveEnvironment(env: { id: string; path: string } | string): Promise<
      { executable: { uri?: vscode.Uri } } | undefined
    >;
    onDidChangeActiveEnvironmentPath: vscode.Event<unknown>;
  };
  settings?: {
    getExecutionDetails(resource?: vscode.Uri): { execCommand: string[] | undefined };
  };
}

export const PYTHON_EXTENSION_ID = 'ms-python.python';

async function pythonExtensionApi(): Promise<PythonExtensionApi | undefined> {
  const ext = vscode.extensions.getExtension<PythonExtensionApi>(PYTHON_EXTENSION_ID);
  if (!ext) {
    return undefined;
  }
  try {
    return ext.isActive ? ext.exports : await ext.activate();
  } catch {
    return undefined;
  }
}

/** Subscribe to the Python extension's "active interpreter changed" event, when it is installed. */
export async function onDidChangePythonInterpreter(listener: () => void): Promise<vscode.Disposable | undefined> {
  const api = await pythonExtensionApi();
  const event = api?.environments?.onDidChangeActiveEnvironmentPath;
  return event ? event(() => listener()) : undefined;
}

export function expandPath(value: string, resource?: vscode.Uri): string {
  const folder =
    (resource && vscode.workspace.getWorkspaceFolder(resource)) ?? vscode.workspace.workspaceFolders?.[0];
  let out = value.trim();
  if (folder) {
    out = out.replace(/\$\{workspaceFolder\}/g, folder.uri.fsPath);
  }
  out = out.replace(/\$\{userHome\}/g, os.homedir());
  if (out === '~' || out.startsWith('~/')) {
    out = path.join(os.homedir(), out.slice(1));
  }
  // a relative path with a separator is relative to the workspace folder; a bare name is looked up on PATH
  if (folder && !path.isAbsolute(out) && out.includes('/')) {
    out = path.join(folder.uri.fsPath, out);
  }
  return out;
}

/** `tflint.interpreter`, else the Python extension's active interpreter, else `python3`. */
export async function resolveInterpreter(resource?: vscode.Uri): Promise<Interpreter> {
  const configured = vscode.workspace.getConfiguration('tflint', resource).get<string>('interpreter', '');
  if (configured && configured.trim()) {
    return { path: expandPath(configured, resource), source: 'setting' };
  }
  const api = await pythonExtensionApi();
  if (api) {
    try {
      if (api.environments) {
        const env = await api.environments.resolveEnvironment(api.environments.getActiveEnvironmentPath(resource));
        const exe = env?.executable.uri?.fsPath;
        if (exe) {
          return { path: exe, source: 'python-extension' };
        }
      }
      const exec = api.settings?.getExecutionDetails(resource).execCommand;
      if (exec && exec.length === 1 && exec[0]) {
        return { path: exec[0], source: 'python-extension' };
      }
    } catch {
      // fall through to the default
    }
  }
  return { path: DEFAULT_INTERPRETER, source: 'default' };
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** set when the process could not be started (ENOENT, EACCES, ...) */
  spawnError?: NodeJS.ErrnoException;
}

export function runPython(
  interpreter: string,
  args: string[],
  options: { cwd?: string; timeoutMs?: number; env?: NodeJS.ProcessEnv } = {},
): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(
      interpreter,
      args,
      {
        cwd: options.cwd,
        timeout: options.timeoutMs ?? 30_000,
        maxBuffer: 32 * 1024 * 1024,
        env: { ...process.env, PYTHONIOENCODING: 'utf-8', ...options.env },
        windowsHide: true,
      },
      (error, stdout, stderr) => {
        const err = error as (NodeJS.ErrnoException & { code?: unknown }) | null;
        if (err && typeof err.code === 'string') {
          // spawn failure: ENOENT, EACCES, ...
          resolve({ code: null, stdout: String(stdout), stderr: String(stderr), spawnError: err });
          return;
        }
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
        resolve({ code, stdout: String(stdout), stderr: String(stderr) });
      },
    );
  });
}

/** Runs `python -c "import tflint"` (printing the version) and imports the server's module, before starting it. */
// exit 3: tflint is not importable; exit 4: it is, but its language server module cannot be imported
const CHECK_SCRIPT = `
import sys
try:
    import tflint
except ImportError as e:
    sys.stderr.write("%s: %s" % (type(e).__name__, e)); sys.exit(3)
sys.stdout.write(getattr(tflint, "__version__", "unknown"))
try:
    import tflint.lsp.server
except Exception as e:
    sys.stderr.write("%s: %s" % (type(e).__name__, e)); sys.exit(4)
`;

export async function checkTflintImportable(interpreter: string, cwd?: string): Promise<ImportCheck> {
  const r = await runPython(interpreter, ['-c', CHECK_SCRIPT], { cwd, timeoutMs: 60_000 });
  if (r.spawnError) {
    return { kind: 'not-found', detail: `${r.spawnError.code}: ${r.spawnError.message}` };
  }
  if (r.code === 0) {
    return { kind: 'ok', version: r.stdout.trim() };
  }
  if (r.code === 3) {
    return { kind: 'not-installed', detail: r.stderr.trim() };
  }
  if (r.code === 4) {
    return { kind: 'server-broken', detail: `tflint ${r.stdout.trim()}: ${r.stderr.trim()}` };
  }
  return { kind: 'error', detail: (r.stderr || r.stdout).trim() || `exit code ${r.code}` };
}

/** The install command to show, quoted for a shell when needed. */
export function installCommand(interpreter: string): string {
  const exe = /[\s"'$`\\]/.test(interpreter) ? `"${interpreter.replace(/(["$`\\])/g, '\\$1')}"` : interpreter;
  return `${exe} -m pip install tflint`;
}
