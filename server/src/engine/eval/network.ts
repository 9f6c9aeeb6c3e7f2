// Network predicates: is a source "the whole internet", and does a port specification include a
// given port. These follow what the providers accept: AWS CIDRs and from/to ports, Azure prefixes
// (`*`, `Internet`, `Any`) and port ranges (`22`, `20-30`, `*`), GCP port lists (`"22"`, `"1000-2000"`).

/** `0.0.0.0/0`, `::/0` (any spelling of a /0 prefix), and the Azure service tags for everywhere. */
export function isOpenToWorld(source: string): boolean {
  const s = source.trim().toLowerCase();
  if (s === '*' || s === 'internet' || s === 'any' || s === '0.0.0.0') return true;
  const slash = s.lastIndexOf('/');
  if (slash < 0) return false;
  const address = s.slice(0, slash);
  const prefix = s.slice(slash + 1);
  return prefix === '0' && (/^\d{1,3}(\.\d{1,3}){3}$/.test(address) || /^[0-9a-f:]+$/.test(address));
}

/** A port spec: `22`, `"22"`, `"20-30"`, `"*"`. Undefined when it is not one. */
export function parsePortSpec(spec: string | number): { from: number; to: number } | undefined {
  if (typeof spec === 'number') return Number.isInteger(spec) ? { from: spec, to: spec } : undefined;
  const s = spec.trim();
  if (s === '*' || s.toLowerCase() === 'all') return { from: 0, to: 65535 };
  const m = /^(\d+)\s*(?:-\s*(\d+))?$/.exec(s);
  if (!m) return undefined;
  const from = Number(m[1]);
  return { from, to: m[2] === undefined ? from : Number(m[2]) };
}

export function specIncludesPort(spec: string | number, port: number): boolean {
  const range = parsePortSpec(spec);
  return range !== undefined && range.from <= port && port <= range.to;
}

/** Protocols that mean "every protocol and so every port": AWS `-1`, GCP/Azure `all` / `*`. */
export function isAllProtocols(protocol: string): boolean {
  const p = protocol.trim().toLowerCase();
  return p === '-1' || p === 'all' || p === '*';
}

/**
 * An AWS-style `from_port`..`to_port` range. Only the protocol says "all ports" (`-1`, see
 * isAllProtocols); with TCP or UDP, `from_port = 0, to_port = 0` is port 0 and nothing else.
 */
export function fromToIncludesPort(from: number, to: number, port: number): boolean {
  return from <= port && port <= to;
}
