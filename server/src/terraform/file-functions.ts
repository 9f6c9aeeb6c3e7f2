// file(), fileexists() and templatefile() for files inside the module tree, and templatestring().
// The model does not touch the file system: the scope reads through the caller's host, and only
// paths inside the root module's directory or the current module's directory are read (a path
// outside them is Unknown, as Terraform could read it but a policy scan should not depend on it).
// Paths are relative to the root module directory, like Terraform's working directory;
// configurations normally write `"${path.module}/policy.json"`.

import type { Expression } from '../hcl/ast';
import { asString } from './convert';
import { EvalError } from './eval-errors';
import type { Scope } from './evaluate-expr';
import type { Origin, Value } from './model';
import { parseExpressionText } from './parse-expression';
import { boolValue, stringValue, unknownValue } from './values';

/** What a scope's file reader returns: the text, or why it cannot be had. */
export type FileRead = { readonly text: string } | { readonly missing: true } | { readonly unavailable: string };

export const FILE_FUNCTIONS: ReadonlySet<string> = new Set(['file', 'fileexists', 'templatefile']);

type EvaluateIn = (expr: Expression, scope: Scope) => Value;

/** Calls a file function with evaluated arguments; the reader is the scope's. */
export function callFileFunction(name: string, args: readonly Value[], read: (path: string) => FileRead, origin: Origin, evaluateIn: EvaluateIn): Value {
  const pathArg = args[0];
  if (!pathArg || args.length !== (name === 'templatefile' ? 2 : 1)) throw new EvalError(`${name}() takes ${name === 'templatefile' ? 2 : 1} argument${name === 'templatefile' ? 's' : ''}, got ${args.length}`);
  if (pathArg.kind === 'unknown') return pathArg;
  const path = asString(pathArg, 'path');
  const result = read(path);
  if ('unavailable' in result) return unknownValue(`function ${name}("${path}"): ${result.unavailable}; not evaluated`, undefined, origin);
  if (name === 'fileexists') return boolValue('text' in result, origin);
  if (!('text' in result)) throw new EvalError(`${name}(): no file exists at ${JSON.stringify(path)}`);
  if (name === 'file') return stringValue(result.text, origin);
  return renderTemplate('templatefile', JSON.stringify(path), result.text, args[1] as Value, origin, evaluateIn);
}

/** templatestring(template, vars): like templatefile() with the template given as a string value. */
export function callTemplateString(args: readonly Value[], origin: Origin, evaluateIn: EvaluateIn): Value {
  const [template, vars] = args;
  if (!template || !vars || args.length !== 2) throw new EvalError(`templatestring() takes 2 arguments, got ${args.length}`);
  if (template.kind === 'unknown') return template;
  return renderTemplate('templatestring', 'the template', asString(template, 'template'), vars, origin, evaluateIn);
}

/** A unique heredoc marker lets the HCL parser read the file's text as a template. */
const MARKER = 'TFPOLICY_TEMPLATEFILE_END';

function renderTemplate(fn: string, subject: string, text: string, vars: Value, origin: Origin, evaluateIn: EvaluateIn): Value {
  if (vars.kind === 'unknown') return vars;
  if (vars.kind !== 'object') throw new EvalError(`${fn}(): the second argument must be an object of template variables`);
  const body = text.endsWith('\n') ? text : `${text}\n`;
  const expr = text.split(/\r?\n/).includes(MARKER) ? undefined : parseExpressionText(`<<${MARKER}\n${body}${MARKER}`);
  if (!expr) throw new EvalError(`${fn}(): ${subject} is not a valid template`);
  const scope: Scope = {
    file: origin.file,
    bindings: vars.entries,
    resolveReference: (root) => ({ value: unknownValue(`error: ${fn}(): ${root.name} is not one of the template variables`), consumed: 0 }),
  };
  const value = evaluateIn(expr, scope);
  if (value.kind !== 'string') return value.kind === 'unknown' ? { ...value, origin } : value;
  // The heredoc adds the newline the file may not have had.
  return stringValue(text.endsWith('\n') ? value.value : value.value.slice(0, -1), origin);
}
