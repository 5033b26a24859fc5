// The `tflint.*` settings the language server understands (mirrors `tflint lsp`).
import * as vscode from 'vscode';

export interface ServerSettings {
  enable: boolean;
  select: string[];
  ignore: string[];
  run: 'onType' | 'onSave';
  severityOverrides: Record<string, string>;
}

export function serverSettings(scope?: vscode.ConfigurationScope): ServerSettings {
  const c = vscode.workspace.getConfiguration('tflint', scope);
  return {
    enable: c.get<boolean>('enable', true),
    select: c.get<string[]>('select', []),
    ignore: c.get<string[]>('ignore', []),
    run: c.get<'onType' | 'onSave'>('run', 'onType'),
    severityOverrides: c.get<Record<string, string>>('severityOverrides', {}),
  };
}

/**
 * initializationOptions: the window-level settings, plus each workspace folder's own
 * (the server also asks for `workspace/configuration` section `tflint` per document).
 */
export function initializationOptions(): Record<string, unknown> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  return {
    settings: serverSettings(),
    globalSettings: serverSettings(),
    workspaceSettings: folders.map((f) => ({ uri: f.uri.toString(), settings: serverSettings(f.uri) })),
  };
}
