// Random templates for differential testing: balanced `%{ if }`/`%{ for }` directives with random
// `~` strip markers, interpolations, literal text and escapes, as a quoted string or a heredoc
// (`<<EOT` or `<<-EOT`, lines indented unevenly).

const literals = ['ab', ' ', '  ', '\t', '$${', '%%{', '$', '%', '{', '}', 'q${"s"}'];

export function generateTemplateAttribute(random: () => number): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const strip = (): string => (random() < 0.3 ? '~' : '');
  const space = (): string => pick(['', ' ', '  ', '\n', ' \n  ']);
  const parts = (depth: number): string[] => {
    const out: string[] = [];
    for (let i = 0, count = 1 + Math.floor(random() * 3); i < count; i++) {
      const r = random();
      if (depth < 3 && r < 0.2) {
        out.push(`%{${strip()} if c ${strip()}}`, ...parts(depth + 1));
        if (random() < 0.5) out.push(`%{${strip()} else ${strip()}}`, ...parts(depth + 1));
        out.push(`%{${strip()} endif ${strip()}}`);
      } else if (depth < 3 && r < 0.35) {
        out.push(`%{${strip()} for ${random() < 0.5 ? 'k, ' : ''}v in l ${strip()}}`, ...parts(depth + 1), `%{${strip()} endfor ${strip()}}`);
      } else if (r < 0.6) {
        out.push(`\${${strip()} x ${strip()}}`);
      } else {
        out.push(space() + pick(literals) + space());
      }
    }
    return out;
  };
  const body = parts(0);
  const kind = pick(['quoted', 'heredoc', 'indented heredoc'] as const);
  if (kind === 'quoted') return `a = "${body.join('').replace(/\n/g, '')}"\n`;
  const lines: string[] = [];
  let line = '';
  for (const part of body) {
    line += part;
    if (random() < 0.4) { lines.push(pick(['    ', '  ']) + line); line = ''; }
  }
  lines.push('  ' + line);
  return `a = <<${kind === 'indented heredoc' ? '-' : ''}EOT\n${lines.join('\n')}\n  EOT\n`;
}
