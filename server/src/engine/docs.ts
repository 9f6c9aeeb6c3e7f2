// Where a policy's documentation lives: the README.md next to its policy.yaml. Works for paths
// and URIs alike (both use `/`; Windows paths use `\`), without touching the file system.

import type { PolicyMetadata } from './types';

export function policyDocsPath(policy: Pick<PolicyMetadata, 'source'>): string | undefined {
  const source = policy.source;
  if (!source) return undefined;
  const cut = Math.max(source.lastIndexOf('/'), source.lastIndexOf('\\'));
  const separator = cut >= 0 ? source[cut] : '/';
  return cut >= 0 ? `${source.slice(0, cut)}${separator}README.md` : 'README.md';
}
