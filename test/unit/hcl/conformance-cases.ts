// Hand-written edge cases for the conformance test: each is checked against @cdktf/hcl2json for
// the same accept/reject verdict and, when accepted, the same JSON. The second half are inputs
// hashicorp/hcl rejects.
export const edgeCases: string[] = [
  'a = 1\n', 'a = -1.5e-3\n', 'a = 0.5\n', 'a = 1e10\n', 'a = !true\n', 'a = -x\n',
  'a = "\\u00e9\\U0001F600\\t\\\\"\n', 'a = "x$${y}%%{z}"\n', 'a = "${1}"\n', 'a = "${"nested ${x}"}"\n',
  'a = "pre ${x ? "y" : "z"} post"\n', 'a = "%{ if x }y%{ endif }"\n', 'a = "%{ if x }y%{ else }z%{ endif }"\n',
  'a = "%{ for k, v in m ~} ${k} %{~ endfor }"\n', 'a = <<EOT\nhello ${name}\nEOT\n', 'a = <<-EOT\n    x\n      y\n    EOT\n',
  'a = <<-EOT\n  ${x}\n    y\n  EOT\n', 'a = [for x in y : x if x != null]\n', 'a = {for k, v in m : k => v...}\n',
  'a = {\n  for k, v in m : k => v\n}\n', 'a = x[*].y\n', 'a = x.*.y\n', 'a = x[0][1]\n', 'a = x.0\n', 'a = x.0.y\n',
  'a = f(x...)\n', 'a = provider::aws::arn_parse("x")\n', 'a = (1 + 2) * 3\n', 'a = 1 + 2 * 3 - 4 / 5 % 6\n',
  'a = x == y && z != w || !v\n', 'a = x < 1 ? "a" : x >= 2 ? "b" : "c"\n', 'a = { "k" = 1, k2 : 2, (k3) = 3 }\n',
  'a = {\n  x = 1\n  y = [\n    1,\n    2,\n  ]\n}\n', 'a = []\n', 'a = {}\n', 'a = [1,]\n', 'a = null\n',
  'b "l1" "l2" {\n  c = 1\n}\n', 'b l1 {\n}\n', 'b {}\n', 'b { c = 1 }\n', 'b "x" {\n  c {\n    d = 1\n  }\n  c {\n    d = 2\n  }\n}\n',
  '# c\n// d\n/* e */\na = 1 # f\n', 'a = 1\r\nb = 2\r\n', '\ufeffa = 1\n', 'é = "ü"\n', 'a-b = 1\n', 'a = x.y-z\n',
  'a = 1', '', '\n\n', 'a = x[*][0]\n', 'a = "${x~}  y"\n', 'a = [\n  # comment\n  1,\n]\n', 'a = f(\n  1,\n  2,\n)\n',
  'a = <<EOT\n  EOT\n', 'a = "\\n"\n', 'a = {\n  "a.b" = 1\n}\n', 'a = a.b.c[0]["k"].d\n', 'a = x ? y : z\n',
  // rejected by hcl
  'a = \n', 'a = 1 +\n 2\n', 'a = "abc\n', 'x = {\n a = 1 b = 2 }\n', 'x = a.0.1\n', 'b { c {} }\n', 'b { c = 1, d = 2 }\n',
  'a = "\\q"\n', 'a = 1\nb\n', 'resource "a" "b" {\n', '}\n', 'a = [1 2]\n', 'a = f(1 2)\n', 'a = (1\n', 'a = <<EOT\nabc\n',
  '/* open\n', 'a = "${x"\n', 'a = "%{ if x }"\n', 'a = "%{ endif }"\n', 'a = 1 2\n', 'a = b = c\n', '"a" = 1\n',
  'a = {for k in m : k}\n', 'a = [for k in m : k => 1]\n', 'a = x.\n', 'a = x[\n', 'a = !\n', 'a = 1\n}\n',
  'a = "${"\n', 'b "x" c {\n}\n', 'b "x" "${y}" {\n}\n', 'a = 1 = 2\n', 'a = f(x..., y)\n', 'a = x ? y\n',
  'a = 1\na = 2\n', 'b {\n  a = 1\n  a = 2\n}\n', 'a = {a = 1, a = 2}\n', 'a = \u0000\n', 'a = 08\n', 'a = 1.\n',
  'a = x.*[0]\n', 'a = "${x}" "${y}"\n', 'a {\n}\na = 1\n',
];
