// The documents the language server is told about: Terraform (.tf, .tf.json), variable files
// (.tfvars, .tfvars.json), policy files and the project config. Kept apart from extension.ts (no
// `vscode` import) so a unit test can hold it against the server's watched files.

export const DOCUMENT_SELECTOR = [
  { scheme: 'file', language: 'terraform' },
  { scheme: 'file', language: 'terraform-vars' },
  // Patterns too, so the extension works whichever extension (if any) owns the language ids;
  // JSON syntax files are usually opened as `json`.
  { scheme: 'file', pattern: '**/*.tf' },
  { scheme: 'file', pattern: '**/*.tfvars' },
  { scheme: 'file', pattern: '**/*.tf.json' },
  { scheme: 'file', pattern: '**/*.tfvars.json' },
  // Policy files and the project config: checked as they are typed (the server ignores a
  // policy.yaml outside the policy directories in use).
  { scheme: 'file', pattern: '**/policy.yaml' },
  { scheme: 'file', pattern: '**/.tfpolicy.yaml' },
];
