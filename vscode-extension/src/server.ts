// Starts, restarts and stops `python -m tflint lsp`, and reports its state.
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  LanguageClientOptions,
  RevealOutputChannelOn,
  ServerOptions,
  State,
} from 'vscode-languageclient/node';
import {
  checkTflintImportable,
  installCommand,
  Interpreter,
  resolveInterpreter,
} from './interpreter';
import { NotebookDiagnostics } from './notebooks';
import { initializationOptions } from './settings';
import { StatusBar } from './status';

/** A server that dies this many times within CRASH_WINDOW_MS is not restarted again. */
const MAX_CRASHES = 4;
const CRASH_WINDOW_MS = 3 * 60_000;

export const DOCUMENT_SELECTOR = [
  { scheme: 'file', language: 'python' },
  { scheme: 'untitled', language: 'python' },
  // cells of Jupyter notebooks (the server gets the notebook itself through notebook document sync)
  { notebook: 'jupyter-notebook', language: 'python' },
];

export class ServerManager implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private interpreter: Interpreter | undefined;
  private version: string | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private crashes: number[] = [];
  private everRunning = new WeakSet<LanguageClient>();
  private watcher: vscode.FileSystemWatcher | undefined;
  private disposed = false;
  readonly notebooks: NotebookDiagnostics;

  constructor(
    private readonly log: vscode.LogOutputChannel,
    private readonly status: StatusBar,
  ) {
    this.notebooks = new NotebookDiagnostics(log);
  }

  get languageClient(): LanguageClient | undefined {
    return this.client?.state === State.Running ? this.client : undefined;
  }

  get currentInterpreter(): Interpreter | undefined {
    return this.interpreter;
  }

  /** Start (or restart) the server; calls are serialised. */
  restart(reason: string): Promise<void> {
    const next = this.queue.then(() => this.doRestart(reason));
    this.queue = next.catch(() => undefined);
    return next;
  }

  stop(): Promise<void> {
    const next = this.queue.then(() => this.doStop());
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async doStop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.notebooks.attach(undefined);
    this.watcher?.dispose();
    this.watcher = undefined;
    if (client) {
      try {
        if (client.state !== State.Stopped) {
          await client.stop(5000);
        }
      } catch (e) {
        this.log.warn(`stopping the server: ${errorText(e)}`);
      }
      try {
        await client.dispose(2000);
      } catch {
        // already gone
      }
    }
  }

  private async doRestart(reason: string): Promise<void> {
    if (this.disposed) {
      return;
    }
    await this.doStop();
    this.crashes = [];
    const resource = vscode.window.activeTextEditor?.document.uri ?? vscode.workspace.workspaceFolders?.[0]?.uri;
    const cwd = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    const interpreter = await resolveInterpreter(resource);
    this.interpreter = interpreter;
    this.log.info(`${reason}: using ${interpreter.path} (${describeSource(interpreter)})`);
    this.status.set('starting', `Checking tflint in ${interpreter.path}`);

    const check = await checkTflintImportable(interpreter.path, cwd);
    if (check.kind !== 'ok') {
      this.reportUnusableInterpreter(interpreter, check.kind, check.detail);
      return;
    }
    this.version = check.version;
    this.log.info(`tflint ${check.version} found; starting ${interpreter.path} -m tflint lsp`);

    const serverOptions: ServerOptions = {
      command: interpreter.path,
      args: ['-m', 'tflint', 'lsp'],
      options: { cwd, env: { ...process.env, PYTHONUNBUFFERED: '1', PYTHONIOENCODING: 'utf-8' } },
    };
    const watcher = vscode.workspace.createFileSystemWatcher('**/{pyproject.toml,tflint.toml}');
    this.watcher = watcher;
    const clientOptions: LanguageClientOptions = {
      documentSelector: DOCUMENT_SELECTOR,
      diagnosticCollectionName: 'tflint',
      outputChannel: this.log,
      traceOutputChannel: this.log,
      revealOutputChannelOn: RevealOutputChannelOn.Never,
      initializationOptions: initializationOptions(),
      synchronize: {
        configurationSection: 'tflint',
        fileEvents: watcher,
      },
      middleware: { notebooks: this.notebooks.middleware() },
      initializationFailedHandler: (error) => {
        this.log.error(`the server failed to initialize: ${errorText(error)}`);
        return false;
      },
      errorHandler: {
        error: (_error, _message, count) =>
          count !== undefined && count <= 3 ? { action: ErrorAction.Continue } : { action: ErrorAction.Shutdown },
        closed: () => this.onServerClosed(client),
      },
    };
    const client = new LanguageClient('tflint', 'tflint', serverOptions, clientOptions);
    this.client = client;
    client.onDidChangeState((e) => {
      if (this.client !== client) {
        return;
      }
      if (e.newState === State.Running) {
        this.everRunning.add(client);
        this.status.set('running', `tflint ${this.version} (${interpreter.path})`);
      } else if (e.newState === State.Starting) {
        this.status.set('starting', `Starting tflint (${interpreter.path})`);
      }
    });
    try {
      await client.start();
      if (this.client === client) {
        this.notebooks.attach(client);
      }
    } catch (e) {
      if (this.client === client) {
        this.status.set('error', 'The tflint server failed to start: see the tflint output');
        this.log.error(`the server failed to start: ${errorText(e)}`);
        void vscode.window
          .showErrorMessage(
            `tflint: the language server (${interpreter.path} -m tflint lsp) failed to start. See the tflint output for details.`,
            'Show Output',
          )
          .then((choice) => choice && this.log.show());
      }
    }
  }

  private onServerClosed(client: LanguageClient | undefined) {
    if (this.disposed || (client && this.client !== client)) {
      return { action: CloseAction.DoNotRestart, handled: true };
    }
    if (client && !this.everRunning.has(client)) {
      // it died before it was up: restarting would fail the same way (start() reports it once)
      this.log.error('the server stopped before it finished starting; not restarting it');
      return { action: CloseAction.DoNotRestart, handled: true };
    }
    const now = Date.now();
    this.crashes = this.crashes.filter((t) => now - t < CRASH_WINDOW_MS);
    this.crashes.push(now);
    if (this.crashes.length <= MAX_CRASHES) {
      this.log.warn(`the server stopped unexpectedly; restarting (${this.crashes.length}/${MAX_CRASHES})`);
      return { action: CloseAction.Restart, handled: true };
    }
    this.status.set('error', 'The tflint server keeps crashing: see the tflint output');
    this.log.error(`the server stopped ${this.crashes.length} times in 3 minutes; not restarting it`);
    void vscode.window
      .showErrorMessage(
        'tflint: the language server stopped 5 times in 3 minutes and will not be restarted. See the tflint output, then run "tflint: Restart Server".',
        'Show Output',
        'Restart Server',
      )
      .then((choice) => {
        if (choice === 'Show Output') {
          this.log.show();
        } else if (choice === 'Restart Server') {
          void this.restart('restart requested');
        }
      });
    return { action: CloseAction.DoNotRestart, handled: true };
  }

  private reportUnusableInterpreter(interpreter: Interpreter, kind: string, detail: string) {
    const where =
      interpreter.source === 'setting'
        ? `the interpreter set in tflint.interpreter (${interpreter.path})`
        : interpreter.source === 'python-extension'
          ? `the selected Python interpreter (${interpreter.path})`
          : `${interpreter.path}`;
    let message: string;
    if (kind === 'not-installed') {
      message = `tflint is not installed for ${where}. Install it with: ${installCommand(interpreter.path)}`;
      this.status.set('not-installed', `tflint is not installed for ${interpreter.path}`);
    } else if (kind === 'server-broken') {
      message = `tflint is installed for ${where} but its language server cannot start (${detail.split('\n').pop()}). Reinstall it with: ${installCommand(interpreter.path)} --upgrade`;
      this.status.set('error', `The tflint language server cannot start in ${interpreter.path}`);
    } else if (kind === 'not-found') {
      message = `tflint: cannot run ${where}. Set "tflint.interpreter" to a Python with tflint installed (${installCommand('python')}).`;
      this.status.set('error', `Cannot run ${interpreter.path}`);
    } else {
      message = `tflint: checking ${where} failed. See the tflint output. To install tflint: ${installCommand(interpreter.path)}`;
      this.status.set('error', `Checking ${interpreter.path} failed`);
    }
    this.log.error(`${message}\n${detail}`);
    const actions = ['Copy Install Command', 'Open Settings', 'Show Output'];
    void vscode.window.showErrorMessage(message, ...actions).then(async (choice) => {
      if (choice === 'Copy Install Command') {
        const cmd = installCommand(kind === 'not-found' ? 'python' : interpreter.path);
        await vscode.env.clipboard.writeText(kind === 'server-broken' ? `${cmd} --upgrade` : cmd);
      } else if (choice === 'Open Settings') {
        await vscode.commands.executeCommand('workbench.action.openSettings', 'tflint.interpreter');
      } else if (choice === 'Show Output') {
        this.log.show();
      }
    });
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    await this.doStop();
    this.notebooks.dispose();
  }
}

function describeSource(i: Interpreter): string {
  switch (i.source) {
    case 'setting':
      return 'from the tflint.interpreter setting';
    case 'python-extension':
      return "the Python extension's active interpreter";
    default:
      return 'default; set tflint.interpreter or install the Python extension to choose another';
  }
}

export function errorText(e: unknown): string {
  if (e instanceof Error) {
    return e.message;
  }
  return String(e);
}
