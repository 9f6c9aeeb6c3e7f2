// The status bar item: the server's state, how many findings are shown, and a problem when
// there is one. Clicking it opens the output channel.

import * as vscode from 'vscode';
import { COMMANDS, type StatusParams } from '../../server/src/protocol';

export class StatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('tfpolicy.status', vscode.StatusBarAlignment.Right, 100);

  constructor() {
    this.item.name = 'tfpolicy';
    this.item.command = COMMANDS.showOutput;
    this.item.text = '$(sync~spin) tfpolicy';
    this.item.tooltip = 'tfpolicy: starting the language server';
    this.item.show();
  }

  update(status: StatusParams): void {
    // Until the first analysis the server has loaded no policies, and "tfpolicy 0" would read as
    // "no findings" in a workspace that has some: show the count once something was analysed.
    const analysed = status.policyCount > 0;
    if (status.state === 'error') {
      this.item.text = '$(error) tfpolicy';
      this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
    } else {
      this.item.text = analysed ? `$(shield) tfpolicy ${status.findingCount}` : '$(shield) tfpolicy';
      this.item.backgroundColor = undefined;
    }
    const lines = [analysed
      ? `tfpolicy: ${plural(status.policyCount, 'policy', 'policies')}, ${plural(status.findingCount, 'finding', 'findings')} shown`
      : 'tfpolicy: ready. Findings appear when a Terraform file is opened (or run "tfpolicy: Scan Workspace").'];
    if (status.message) lines.push(status.message);
    lines.push('Click to show the output.');
    this.item.tooltip = lines.join('\n');
  }

  starting(): void {
    this.item.text = '$(sync~spin) tfpolicy';
    this.item.backgroundColor = undefined;
  }

  failed(message: string): void {
    this.item.text = '$(error) tfpolicy';
    this.item.tooltip = `tfpolicy: the language server is not running: ${message}`;
    this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
  }

  dispose(): void {
    this.item.dispose();
  }
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}
