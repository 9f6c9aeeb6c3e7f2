// Terraform-exact syntax errors, from hashicorp/hcl itself (compiled to WASM in @cdktf/hcl2json).
// Loading it costs ~200 ms and a lot of memory, so it is imported on first use only and never on
// the keystroke path: the language server calls this on save, our own parser covers typing.
import type { Range } from '../hcl';

export interface TerraformSyntaxError {
  readonly message: string;
  readonly range: Range;
}

type Hcl2Json = typeof import('@cdktf/hcl2json');
let loading: Promise<Hcl2Json> | undefined;

function load(): Promise<Hcl2Json> {
  loading ??= import('@cdktf/hcl2json');
  return loading;
}

/** The file name we give hcl2json: its diagnostics start with it, which is how we find them. */
const DIAGNOSTIC_FILE = 'tfpolicy-input.tf';

/**
 * hashicorp/hcl's syntax errors for a native-syntax file's text (empty when it parses).
 * `.json` files are not checked here (our JSON reader's errors stand). Rejects only when
 * @cdktf/hcl2json itself cannot be loaded.
 */
export async function terraformSyntaxErrors(fileName: string, text: string): Promise<TerraformSyntaxError[]> {
  if (fileName.toLowerCase().endsWith('.json')) return [];
  const hcl2json = await load();
  try {
    await hcl2json.parse(DIAGNOSTIC_FILE, text);
    return [];
  } catch (error) {
    return parseDiagnostics(error instanceof Error ? error.message : String(error), text);
  }
}

/**
 * hcl2json rejects with `parse config: [FILE:L,C-L,C: Summary; Detail. FILE:L,C-C: …]`: hcl's
 * diagnostics joined by spaces. Lines and columns are 1-based, columns count characters, and the
 * end is exclusive (the end line is omitted when it is the start line).
 */
export function parseDiagnostics(raw: string, text: string): TerraformSyntaxError[] {
  const marker = new RegExp(`${DIAGNOSTIC_FILE.replace(/\./g, '\\.')}:(\\d+),(\\d+)-(?:(\\d+),)?(\\d+): `, 'g');
  const matches = [...raw.matchAll(marker)];
  if (matches.length === 0) {
    const whole = position(text, 1, 1);
    return [{ message: raw.replace(/^parse config: /, ''), range: { start: whole, end: whole } }];
  }
  return matches.map((m, i) => {
    const next = matches[i + 1];
    let body = raw.slice((m.index ?? 0) + m[0].length, next?.index ?? raw.length).trim();
    if (next === undefined) body = body.replace(/\]$/, '');
    const [summary, ...detail] = body.split('; ');
    const message = detail.length > 0 ? `${summary ?? ''}: ${detail.join('; ')}` : summary ?? body;
    const startLine = Number(m[1]);
    const endLine = m[3] !== undefined ? Number(m[3]) : startLine;
    return { message, range: { start: position(text, startLine, Number(m[2])), end: position(text, endLine, Number(m[4])) } };
  });
}

/** hcl's 1-based line and character column → our 0-based line, UTF-16 character and offset. */
function position(text: string, line: number, column: number): Range['start'] {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const newline = text.indexOf('\n', offset);
    if (newline < 0) break;
    offset = newline + 1;
  }
  const lineStart = offset;
  // Walk `column - 1` characters (code points), stopping at the end of the line.
  for (let c = 1; c < column && offset < text.length && text[offset] !== '\n'; c++) {
    offset += (text.codePointAt(offset) ?? 0) > 0xffff ? 2 : 1;
  }
  return { line: line - 1, character: offset - lineStart, offset };
}
