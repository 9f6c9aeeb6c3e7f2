// The syntax tree of one HCL file (native syntax or Terraform JSON syntax).
//
// Every node carries an exact range, because everything the user sees (a squiggle on the right
// token, a quick fix that edits the right bytes) stands on it. Positions follow LSP: `line` and
// `character` are 0-based and `character` counts UTF-16 code units; `offset` is the UTF-16 index
// into the text (what `String.prototype.slice` takes). The CLI converts to 1-based at its edge.

export interface Position {
  readonly line: number;
  readonly character: number;
  readonly offset: number;
}

export interface Range {
  readonly start: Position;
  readonly end: Position;
}

/** A problem the parser found. The parser never throws: it reports and recovers. */
export interface ParseError {
  readonly message: string;
  readonly range: Range;
}

export interface Comment {
  readonly kind: 'Comment';
  /** `#` and `//` are line comments; `/*` is a block comment. */
  readonly style: '#' | '//' | '/*';
  /** The comment text without its markers (and without the trailing newline). */
  readonly text: string;
  readonly range: Range;
}

export interface File {
  readonly kind: 'File';
  readonly syntax: 'hcl' | 'json';
  readonly body: Body;
  /** All comments of the file in source order (suppressions and fixes need them). */
  readonly comments: readonly Comment[];
  readonly errors: readonly ParseError[];
  readonly range: Range;
  /** The text the file was parsed from (fixes read its line endings and indentation). */
  readonly text: string;
}

export interface Body {
  readonly kind: 'Body';
  /** Attributes and blocks in source order. */
  readonly items: readonly (Attribute | Block)[];
  readonly range: Range;
}

export interface Attribute {
  readonly kind: 'Attribute';
  readonly name: string;
  readonly nameRange: Range;
  readonly expr: Expression;
  /** From the first character of the name to the end of the expression. */
  readonly range: Range;
}

export interface Label {
  readonly value: string;
  readonly quoted: boolean;
  readonly range: Range;
}

export interface Block {
  readonly kind: 'Block';
  readonly type: string;
  readonly typeRange: Range;
  readonly labels: readonly Label[];
  readonly body: Body;
  /** The `{`; absent only when recovery could not find it. */
  readonly openBrace?: Range;
  /** The `}`; absent when the block is unterminated. */
  readonly closeBrace?: Range;
  /** From the type to the closing brace (or as far as recovery got). */
  readonly range: Range;
}

export type Expression =
  | LiteralExpr
  | TemplateExpr
  | TupleExpr
  | ObjectExpr
  | VariableExpr
  | GetAttrExpr
  | IndexExpr
  | SplatExpr
  | FunctionCallExpr
  | ConditionalExpr
  | BinaryExpr
  | UnaryExpr
  | ParenthesesExpr
  | ForExpr
  | InvalidExpr;

/** Numbers, `true`, `false`, `null`. Strings are templates (see TemplateExpr). */
export interface LiteralExpr {
  readonly kind: 'Literal';
  readonly value: number | boolean | null;
  /** The source text of the literal (numbers keep their written form, e.g. `1e3`). */
  readonly raw: string;
  readonly range: Range;
}

/**
 * A quoted string or heredoc. A plain string like `"private"` is a template with one literal part;
 * `"${var.x}-logs"` has an interpolation part and a literal part.
 */
export interface TemplateExpr {
  readonly kind: 'Template';
  readonly parts: readonly TemplatePart[];
  /** Present for `<<EOT` / `<<-EOT` heredocs. */
  readonly heredoc?: { readonly marker: string; readonly indented: boolean };
  /** Includes the quotes (or the heredoc markers). */
  readonly range: Range;
}

export type TemplatePart = TemplateLiteral | TemplateInterpolation | TemplateIf | TemplateFor;

export interface TemplateLiteral {
  readonly kind: 'TemplateLiteral';
  /** The text with escapes decoded (and heredoc indentation removed for `<<-`). */
  readonly value: string;
  readonly range: Range;
}

export interface TemplateInterpolation {
  readonly kind: 'TemplateInterpolation';
  readonly expr: Expression;
  readonly stripLeft: boolean;
  readonly stripRight: boolean;
  readonly range: Range;
}

export interface TemplateIf {
  readonly kind: 'TemplateIf';
  readonly condition: Expression;
  readonly then: readonly TemplatePart[];
  readonly else?: readonly TemplatePart[];
  readonly range: Range;
}

export interface TemplateFor {
  readonly kind: 'TemplateFor';
  readonly keyVar?: string;
  readonly valueVar: string;
  readonly collection: Expression;
  readonly body: readonly TemplatePart[];
  readonly range: Range;
}

export interface TupleExpr {
  readonly kind: 'Tuple';
  readonly elements: readonly Expression[];
  readonly range: Range;
}

export interface ObjectItem {
  /**
   * A bare identifier key (`acl = …`) is a VariableExpr whose name is the key, as in hclsyntax;
   * a quoted key is a TemplateExpr; `(expr)` keys are ParenthesesExpr.
   */
  readonly key: Expression;
  readonly value: Expression;
  readonly separator: '=' | ':';
  readonly range: Range;
}

export interface ObjectExpr {
  readonly kind: 'Object';
  readonly items: readonly ObjectItem[];
  readonly range: Range;
}

/** A bare name at the root of a reference: `var`, `local`, `aws_s3_bucket`, `each`, `count`. */
export interface VariableExpr {
  readonly kind: 'Variable';
  readonly name: string;
  readonly range: Range;
}

/** `object.name`. */
export interface GetAttrExpr {
  readonly kind: 'GetAttr';
  readonly object: Expression;
  readonly name: string;
  readonly nameRange: Range;
  readonly range: Range;
}

/** `object[key]`, and the legacy `object.0` form (legacy: true, key a number Literal). */
export interface IndexExpr {
  readonly kind: 'Index';
  readonly object: Expression;
  readonly key: Expression;
  readonly legacy: boolean;
  readonly range: Range;
}

/** A step applied to each element by a splat. */
export type SplatStep =
  | { readonly kind: 'GetAttr'; readonly name: string; readonly range: Range }
  | { readonly kind: 'Index'; readonly key: Expression; readonly range: Range };

/** `source.*.a.b` (attribute-only splat) or `source[*].a[0]` (full splat). */
export interface SplatExpr {
  readonly kind: 'Splat';
  readonly style: '.*' | '[*]';
  readonly source: Expression;
  readonly steps: readonly SplatStep[];
  readonly range: Range;
}

export interface FunctionCallExpr {
  readonly kind: 'FunctionCall';
  /** Includes a provider namespace when present: `provider::aws::arn_parse`. */
  readonly name: string;
  readonly nameRange: Range;
  readonly args: readonly Expression[];
  /** True when the last argument ends with `...`. */
  readonly expandFinal: boolean;
  readonly range: Range;
}

export interface ConditionalExpr {
  readonly kind: 'Conditional';
  readonly condition: Expression;
  readonly trueExpr: Expression;
  readonly falseExpr: Expression;
  readonly range: Range;
}

export type BinaryOperator = '||' | '&&' | '==' | '!=' | '<' | '<=' | '>' | '>=' | '+' | '-' | '*' | '/' | '%';

export interface BinaryExpr {
  readonly kind: 'Binary';
  readonly operator: BinaryOperator;
  readonly left: Expression;
  readonly right: Expression;
  readonly range: Range;
}

export interface UnaryExpr {
  readonly kind: 'Unary';
  readonly operator: '!' | '-';
  readonly operand: Expression;
  readonly range: Range;
}

export interface ParenthesesExpr {
  readonly kind: 'Parentheses';
  readonly expr: Expression;
  readonly range: Range;
}

/** `[for k, v in coll : v if cond]` and `{for k, v in coll : k => v... if cond}`. */
export interface ForExpr {
  readonly kind: 'For';
  readonly keyVar?: string;
  readonly valueVar: string;
  readonly collection: Expression;
  /** Present only for object `for` expressions. */
  readonly keyExpr?: Expression;
  readonly valueExpr: Expression;
  readonly condition?: Expression;
  /** `...` after the value in an object `for`. */
  readonly grouping: boolean;
  readonly range: Range;
}

/** What recovery leaves where an expression could not be parsed; its error is in File.errors. */
export interface InvalidExpr {
  readonly kind: 'Invalid';
  readonly range: Range;
}
