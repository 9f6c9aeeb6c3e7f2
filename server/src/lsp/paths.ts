// File URIs and paths. The server works on absolute paths (the node host's currency) and speaks
// URIs to the client. For open documents we answer with the exact URI the client sent, because
// editors encode some characters differently from Node's `pathToFileURL`.

import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The absolute path of a `file:` URI, or undefined for other schemes (untitled, git, ...). */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return path.normalize(fileURLToPath(uri));
  } catch {
    return undefined;
  }
}

export function pathToUri(file: string): string {
  return pathToFileURL(file).href;
}

/** Maps paths to URIs, preferring the spelling the client used for documents it opened. */
export class UriMapper {
  private readonly clientUris = new Map<string, string>();

  remember(uri: string): string | undefined {
    const file = uriToPath(uri);
    if (file !== undefined) this.clientUris.set(file, uri);
    return file;
  }

  toUri(file: string): string {
    return this.clientUris.get(file) ?? pathToUri(file);
  }
}
