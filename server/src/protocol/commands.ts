// Command ids contributed by the extension (package.json `contributes.commands` lists the same
// ids; test/unit/manifest/settings.test.ts checks it). Code actions from the server name them too.

export const COMMANDS = {
  restartServer: 'tfpolicy.restartServer',
  showOutput: 'tfpolicy.showOutput',
  /** Argument: the docs URI (from a code action), a policy id, or nothing (pick from a list). */
  showPolicyDocs: 'tfpolicy.showPolicyDocs',
  scanWorkspace: 'tfpolicy.scanWorkspace',
} as const;

export type CommandId = (typeof COMMANDS)[keyof typeof COMMANDS];

/** Diagnostic `source` of everything the server publishes. */
export const DIAGNOSTIC_SOURCE = 'tfpolicy';

/** Diagnostic codes that are not policy ids. */
export const DIAGNOSTIC_CODES = {
  syntax: 'syntax',
  unreadable: 'unreadable',
  model: 'terraform',
  policyFile: 'policy-file',
  configFile: 'config-file',
  /** A `tfpolicy:ignore` comment that cannot apply as written (unknown id, bad `until=` date). */
  suppression: 'invalid-suppression',
  internal: 'internal-error',
} as const;
