// Seeded random mutations of source text, shared by the fuzz and differential conformance tests.

/** mulberry32: a small seeded PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const fragments = ['{', '}', '[', ']', '(', ')', '"', '${', '%{', '~}', '<<EOT\n', '<<-X\n', 'EOT\n', '\n', '=', ',', '.', '.*', '[*]', '...', '#', '//', '/*', '*/', '?', ':', '=>', 'for ', ' in ', 'if ', '\\', '\0', '\r', '😀', 'é', '-', '!', '&&'];

export function mutate(text: string, random: () => number): string {
  const at = Math.floor(random() * (text.length + 1));
  const span = Math.floor(random() * 40);
  switch (Math.floor(random() * 4)) {
    case 0: return text.slice(0, at) + text.slice(at + span);
    case 1: return text.slice(0, at) + (fragments[Math.floor(random() * fragments.length)] ?? '') + text.slice(at);
    case 2: return text.slice(0, at) + text.slice(at, at + span).repeat(2) + text.slice(at + span);
    default: return text.slice(0, at);
  }
}
