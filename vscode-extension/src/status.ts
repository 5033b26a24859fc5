// The status bar item showing the language server's state; clicking it opens the server log.
import * as vscode from 'vscode';

export type ServerState = 'starting' | 'running' | 'stopped' | 'error' | 'not-installed';

const ICONS: Record<ServerState, string> = {
  starting: '$(sync~spin)',
  running: '$(check)',
  stopped: '$(circle-slash)',
  error: '$(error)',
  'not-installed': '$(warning)',
};

const LABELS: Record<ServerState, string> = {
  starting: 'starting',
  running: 'running',
  stopped: 'stopped',
  error: 'error',
  'not-installed': 'not installed',
};

export class StatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  state: ServerState = 'stopped';

  constructor() {
    this.item = vscode.window.createStatusBarItem('tflint.status', vscode.StatusBarAlignment.Right, 100);
    this.item.name = 'tflint';
    this.item.command = 'tflint.showLogs';
    this.set('stopped', 'tflint is not running');
    this.item.show();
  }

  set(state: ServerState, detail: string): void {
    this.state = state;
    this.item.text = `${ICONS[state]} tflint`;
    this.item.tooltip = `tflint: ${LABELS[state]}\n${detail}\n\nClick to show the server log.`;
    this.item.accessibilityInformation = { label: `tflint ${LABELS[state]}` };
    this.item.backgroundColor =
      state === 'error' || state === 'not-installed'
        ? new vscode.ThemeColor('statusBarItem.errorBackground')
        : undefined;
  }

  dispose(): void {
    this.item.dispose();
  }
}
