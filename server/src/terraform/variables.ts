// Input variables: where a value comes from and in which precedence, then the declared type.
//
// Root module, lowest to highest (Terraform's documented order): the `default`, `TF_VAR_name`
// environment variables, terraform.tfvars, terraform.tfvars.json, *.auto.tfvars / *.auto.tfvars.json
// in lexical order of their names, `-var-file` files in the order given, `-var` values. A called
// module's variables come from the module block's arguments, else their default. A variable
// with no value is Unknown (never a finding); `nullable = false` turns an explicit null into the default.

import type { Block, Expression } from '../hcl/ast';
import { blockAttribute, type Declared } from './declarations';
import { EvalError } from './eval-errors';
import { evaluate, type Scope } from './evaluate-expr';
import type { ModelOptions } from './host';
import type { ModelDiagnostic, SourceFile, Value } from './model';
import { itemFile } from './overrides';
import { parseExpressionText } from './parse-expression';
import { baseName } from './paths';
import { convertToType, parseTypeConstraint, type TypeConstraint } from './type-constraints';
import { stringValue, unknownValue, withoutOrigins, withViaDeep } from './values';

/** A value set from outside the module: evaluated (tfvars, module input) or raw text (TF_VAR_*, -var). */
export type ExternalValue =
  | { readonly kind: 'value'; readonly value: Value }
  | { readonly kind: 'text'; readonly text: string; readonly via: string };

/** Scope for tfvars files and defaults: constants only, no references. */
export function constantScope(file: string): Scope {
  return {
    file,
    resolveReference: (root) => ({ value: unknownValue(`error: ${root.name} cannot be referenced here: only constant values are allowed`), consumed: 0 }),
  };
}

/** The automatically loaded tfvars files of the root module in precedence order (lowest first). */
export function automaticVarFiles(tfvars: readonly SourceFile[]): SourceFile[] {
  const named = (n: string): SourceFile[] => tfvars.filter((f) => baseName(f.name) === n);
  const auto = tfvars
    .filter((f) => /\.auto\.tfvars(\.json)?$/.test(baseName(f.name)))
    .sort((a, b) => (baseName(a.name) < baseName(b.name) ? -1 : 1));
  return [...named('terraform.tfvars'), ...named('terraform.tfvars.json'), ...auto];
}

/** The winning external value of each root variable. */
export function rootVariableValues(
  tfvars: readonly SourceFile[], options: ModelOptions, declared: ReadonlyMap<string, Declared<Block>>, diagnostics: ModelDiagnostic[],
): Map<string, ExternalValue> {
  const values = new Map<string, ExternalValue>();
  for (const [name, text] of options.environmentVariables ?? []) values.set(name, { kind: 'text', text, via: `environment variable TF_VAR_${name}` });
  const automatic = automaticVarFiles(tfvars);
  for (const file of [...automatic, ...(options.varFiles ?? [])]) {
    const via = baseName(file.name);
    for (const item of file.file.body.items) {
      if (item.kind !== 'Attribute') continue;
      if (declared.has(item.name)) {
        values.set(item.name, { kind: 'value', value: withViaDeep(evaluate(item.expr, constantScope(file.name)), via) });
      } else if (automatic.includes(file)) {
        // Extra var files are shared by every module a scan visits, so only the module's own files warn.
        diagnostics.push({ file: file.name, range: item.nameRange, message: `Value for undeclared variable "${item.name}": no variable "${item.name}" is declared in this module`, severity: 'warning' });
      }
    }
  }
  for (const [name, text] of options.variables ?? []) values.set(name, { kind: 'text', text, via: `-var ${name}` });
  return values;
}

/** The declared type; in JSON syntax the type is an expression written in a string. */
export function variableType(decl: Declared<Block>): TypeConstraint | undefined {
  const attr = blockAttribute(decl.node, 'type');
  if (!attr) return undefined;
  const file = itemFile(attr, decl.file);
  let expr: Expression | undefined = attr.expr;
  if (file.file.syntax === 'json' && expr.kind === 'Template' && expr.parts.length === 1 && expr.parts[0]?.kind === 'TemplateLiteral') {
    expr = parseExpressionText(expr.parts[0].value);
  }
  if (!expr) return undefined;
  const scope = constantScope(file.name);
  try {
    return parseTypeConstraint(expr, (e) => evaluate(e, scope));
  } catch (error) {
    if (error instanceof EvalError) return undefined;
    throw error;
  }
}

/**
 * Text values (TF_VAR_*, -var) are literal strings for primitive or unspecified types and HCL
 * expressions for collection and structural types, as in Terraform.
 */
function textValue(text: string, via: string, type: TypeConstraint | undefined): Value {
  const complex = type !== undefined && !['any', 'string', 'number', 'bool'].includes(type.kind);
  if (!complex) return stringValue(text);
  const expr = parseExpressionText(text);
  if (!expr) return unknownValue(`error: the value of ${via} is not a valid expression`);
  // The text was not written in any file: its values have no origin to point at.
  return withoutOrigins(evaluate(expr, constantScope(via)));
}

/** Resolves a variable's final value from its external value (if any), its default and its type. */
export function resolveVariable(name: string, decl: Declared<Block>, external: ExternalValue | undefined, missingReason: string): Value {
  const type = variableType(decl);
  let value = external?.kind === 'value' ? external.value : external ? textValue(external.text, external.via, type) : undefined;
  if (value === undefined || (value.kind === 'null' && isNotNullable(decl))) {
    const defaultAttr = blockAttribute(decl.node, 'default');
    if (defaultAttr) value = withViaDeep(evaluate(defaultAttr.expr, constantScope(itemFile(defaultAttr, decl.file).name)), `variable "${name}" default`);
  }
  if (value === undefined) return unknownValue(`var.${name} has no value: ${missingReason}`);
  if (!type) return value;
  try {
    return convertToType(value, type, `var.${name}`);
  } catch (error) {
    if (error instanceof EvalError) return unknownValue(`error: invalid value for ${error.message}`, undefined, value.origin);
    throw error;
  }
}

function isNotNullable(decl: Declared<Block>): boolean {
  const attr = blockAttribute(decl.node, 'nullable');
  if (!attr) return false;
  const value = evaluate(attr.expr, constantScope(itemFile(attr, decl.file).name));
  return value.kind === 'bool' && !value.value;
}
