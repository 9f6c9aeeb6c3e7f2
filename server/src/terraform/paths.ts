// File name helpers for names as the host gives them (POSIX or Windows paths, or URIs).

export function baseName(name: string): string {
  return name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
}
