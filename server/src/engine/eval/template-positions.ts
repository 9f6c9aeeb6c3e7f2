// Places inside a written string or heredoc. A JSON document written as a heredoc evaluates to a
// string without positions; the heredoc's text *is* that JSON, so an offset in the evaluated
// text maps back to the file exactly: character for character, except where the parser decoded
// something — `<<-` indentation it removed, `$${` / `%%{` escapes, and in quoted strings `\"`,
// `\\`, `\n`, `\r`, `\t`. Text an interpolation produced maps to the whole `${…}`. When the
// arithmetic does not add up (an escape we do not model), there is no place and the caller keeps
// the attribute's value as the place.

import type { Expression, Position, Range, TemplateExpr, TemplateLiteral } from '../../hcl/ast';
import { jsonSpans, spanAt, type JsonSpan } from './json-spans';
import type { Place } from './scope';

/** The place of the JSON value at a path, where it can be told exactly. */
export type TextPlaces = (path: readonly (string | number)[]) => Place | undefined;

/** A run of the evaluated text: a literal part, char by char, or what an interpolation (or directive) produced. */
interface Region {
  readonly start: number;
  readonly end: number;
  readonly chars?: LiteralPositions;
  readonly range: Range;
}

interface LiteralPositions {
  /** Where each decoded character starts in the file, and where its source text ends. */
  readonly starts: readonly Position[];
  readonly ends: readonly Position[];
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r', '\v', '\f', '\u00a0']);

/** How many source characters decoded character `i` of `value` was written with. */
function sourceLength(value: string, i: number, quoted: boolean): number {
  const c = value[i]!;
  if ((c === '$' || c === '%') && value[i + 1] === '{') return 2;
  if (quoted && (c === '"' || c === '\\' || c === '\n' || c === '\r' || c === '\t')) return 2;
  return 1;
}

/**
 * Value indexes where `<<-` removed the indentation: line starts (after a line break) of lines
 * that are not blank, as the parser decides (a blank line is whitespace up to its line break).
 */
function shiftedLineStarts(value: string): Set<number> {
  const shifted = new Set<number>();
  for (let i = value.indexOf('\n') + 1; i > 0 && i < value.length; i = value.indexOf('\n', i) + 1) {
    const next = value.indexOf('\n', i);
    const line = next < 0 ? value.slice(i) : value.slice(i, next + 1);
    const blank = next >= 0 && [...line].every((c) => WHITESPACE.has(c));
    if (!blank) shifted.add(i);
  }
  return shifted;
}

function literalPositions(part: TemplateLiteral, heredoc: TemplateExpr['heredoc']): LiteralPositions | undefined {
  const value = part.value;
  const quoted = heredoc === undefined;
  const shifted = heredoc?.indented ? shiftedLineStarts(value) : new Set<number>();
  let written = 0;
  for (let i = 0; i < value.length; i++) written += sourceLength(value, i, quoted);
  // Whatever the source has beyond the decoded characters is the indentation `<<-` removed.
  const extra = part.range.end.offset - part.range.start.offset - written;
  const indent = shifted.size > 0 ? extra / shifted.size : 0;
  if (extra < 0 || !Number.isInteger(indent) || (shifted.size === 0 && extra !== 0)) return undefined;
  const starts: Position[] = [];
  const ends: Position[] = [];
  let { line, character, offset } = part.range.start;
  for (let i = 0; i < value.length; i++) {
    starts.push({ line, character, offset });
    if (!quoted && value[i] === '\n') {
      line++;
      character = 0;
      offset++;
    } else {
      const n = sourceLength(value, i, quoted);
      character += n;
      offset += n;
    }
    ends.push({ line, character, offset });
    if (shifted.has(i + 1)) {
      character += indent;
      offset += indent;
    }
  }
  return offset === part.range.end.offset ? { starts, ends } : undefined;
}

function cover(a: Range, b: Range): Range {
  return { start: a.start, end: b.end };
}

/** The regions of `text` (what the template evaluated to), aligned with the template's parts. */
function alignRegions(template: TemplateExpr, text: string): Region[] | undefined {
  const regions: Region[] = [];
  let pos = 0;
  let opaque: Range | undefined;
  for (const part of template.parts) {
    if (part.kind !== 'TemplateLiteral') {
      opaque = opaque ? cover(opaque, part.range) : part.range;
      continue;
    }
    // After an interpolation, its text runs up to where this literal's text appears.
    const at = opaque ? text.indexOf(part.value, pos) : pos;
    if (at < 0 || (!opaque && !text.startsWith(part.value, pos))) return undefined;
    if (opaque && at > pos) regions.push({ start: pos, end: at, range: opaque });
    opaque = undefined;
    const chars = literalPositions(part, template.heredoc);
    if (!chars) return undefined;
    regions.push({ start: at, end: at + part.value.length, chars, range: part.range });
    pos = at + part.value.length;
  }
  if (opaque && pos < text.length) regions.push({ start: pos, end: text.length, range: opaque });
  else if (pos !== text.length) return undefined;
  return regions;
}

function regionAt(regions: readonly Region[], index: number): Region | undefined {
  return regions.find((r) => r.start <= index && index < r.end);
}

/** The file range of text[start, end); text an interpolation produced is at its whole `${…}`. */
function rangeOf(regions: readonly Region[], start: number, end: number): Range | undefined {
  const first = regionAt(regions, start);
  const last = regionAt(regions, end - 1);
  if (!first || !last) return undefined;
  const from = first.chars ? first.chars.starts[start - first.start]! : first.range.start;
  const to = last.chars ? last.chars.ends[end - 1 - last.start]! : last.range.end;
  return { start: from, end: to };
}

/**
 * For a string or heredoc `written` in `file` that evaluated to the JSON `text`: the place of
 * the JSON value at a path (`["Statement", 0, "Action"]`), where it can be told exactly.
 */
export function jsonTextPlaces(written: Expression | undefined, file: string, text: string): TextPlaces | undefined {
  let expr = written;
  while (expr?.kind === 'Parentheses') expr = expr.expr;
  if (expr?.kind !== 'Template') return undefined;
  const template = expr;
  let read: { regions?: Region[]; root?: JsonSpan } | undefined;
  return (path) => {
    // Aligned and read on first use: most documents have no finding to place.
    if (!read) {
      const regions = alignRegions(template, text);
      const root = regions ? jsonSpans(text) : undefined;
      read = regions && root ? { regions, root } : {};
    }
    const { regions, root } = read;
    const span = root && spanAt(root, path);
    const range = span && regions && rangeOf(regions, span.start, span.end);
    return range ? { file, range } : undefined;
  };
}
