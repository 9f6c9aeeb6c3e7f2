// The extension's commands (ids in server/src/protocol/commands.ts, titles in package.json).

import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  COMMANDS, LIST_POLICIES_REQUEST, SCAN_WORKSPACE_REQUEST,
  type ListPoliciesParams, type ListPoliciesResult, type ScanWorkspaceResult,
} from '../../server/src/protocol';
import type { StatusItem } from './status';

export function registerCommands(client: LanguageClient, output: vscode.LogOutputChannel, status: StatusItem): vscode.Disposable[] {
  // A new server only knows the open files; the findings of files a workspace scan reported must
  // not vanish from the Problems panel because the user restarted the server.
  let workspaceScanned = false;
  return [
    vscode.commands.registerCommand(COMMANDS.restartServer, async () => {
      status.starting();
      output.info('restarting the language server');
      await client.restart();
      if (workspaceScanned) {
        output.info('scanning the workspace again, as before the restart');
        await client.sendRequest<ScanWorkspaceResult>(SCAN_WORKSPACE_REQUEST);
      }
    }),
    vscode.commands.registerCommand(COMMANDS.showOutput, () => output.show(true)),
    vscode.commands.registerCommand(COMMANDS.showPolicyDocs, (target?: unknown) => showPolicyDocs(client, target)),
    vscode.commands.registerCommand(COMMANDS.scanWorkspace, async () => {
      const result = await scanWorkspace(client);
      workspaceScanned = true;
      return result;
    }),
  ];
}

/**
 * `target` is a docs URI (from the "Show documentation" code action), a policy id, or nothing
 * (from the command palette: pick a policy from the list the server has loaded).
 */
async function showPolicyDocs(client: LanguageClient, target: unknown): Promise<void> {
  let docsUri = typeof target === 'string' && target.startsWith('file:') ? target : undefined;
  if (!docsUri) {
    const scopeUri = vscode.window.activeTextEditor?.document.uri.toString() ?? vscode.workspace.workspaceFolders?.[0]?.uri.toString();
    const params: ListPoliciesParams = scopeUri ? { scopeUri } : {};
    const { policies } = await client.sendRequest<ListPoliciesResult>(LIST_POLICIES_REQUEST, params);
    const wanted = typeof target === 'string' ? policies.find((p) => p.id === target) : undefined;
    const picked = wanted ?? await vscode.window.showQuickPick(
      policies.map((p) => ({ label: p.id, description: p.severity, detail: p.title, docsUri: p.docsUri })),
      { placeHolder: 'Show the documentation of a tfpolicy policy', matchOnDetail: true },
    );
    docsUri = picked?.docsUri;
  }
  if (!docsUri) return;
  const uri = vscode.Uri.parse(docsUri);
  // The rendered README when the built-in Markdown extension is there; the source otherwise.
  try {
    await vscode.commands.executeCommand('markdown.showPreview', uri);
  } catch {
    await vscode.window.showTextDocument(uri, { preview: true });
  }
}

async function scanWorkspace(client: LanguageClient): Promise<ScanWorkspaceResult> {
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: 'tfpolicy: scanning the workspace' },
    () => client.sendRequest<ScanWorkspaceResult>(SCAN_WORKSPACE_REQUEST),
  );
  void vscode.window.showInformationMessage(`tfpolicy: ${result.findings} findings in ${result.files} files (${result.modules} modules).`);
  return result;
}
