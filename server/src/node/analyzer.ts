// The one entry point the CLI and the language server share: analyse a module directory (with
// the editor's unsaved buffers laid over the disk) against the loaded policies. Parsed files are
// cached by content, so re-analysing a module after one keystroke re-parses one file.

import path from 'node:path';
import { evaluatePolicies, suppressionProblems, type Policy } from '../engine';
import type { PolicyResult } from '../engine/types';
import type { File, Range } from '../hcl/ast';
import { parseFile } from '../hcl';
import { buildModuleModel, type ModelDiagnostic, type ModelOptions, type ModuleModel } from '../terraform';
import type { ReadFailure } from './files';
import { createModuleHost, listModuleFilesWithUnsaved } from './module-host';

/** Text of an unsaved editor buffer for an absolute path, or undefined to read the disk. */
export type Overlay = (file: string) => string | undefined;

export interface FileError {
  readonly file: string;
  readonly message: string;
  readonly range?: Range;
}

export interface ModuleAnalysis {
  readonly dir: string;
  /** Absolute paths of the module's own Terraform files (configuration and tfvars). */
  readonly files: readonly string[];
  readonly results: readonly PolicyResult[];
  /** Syntax errors of our parser, per file. */
  readonly parseErrors: readonly FileError[];
  /** Files that could not be read (binary, too large, permissions). */
  readonly readFailures: readonly ReadFailure[];
  readonly modelDiagnostics: readonly ModelDiagnostic[];
  /**
   * Mistakes in `tfpolicy:ignore` comments (an unknown policy id, a bad `until=` date) in the
   * module's files and its called modules' files, at the offending token.
   */
  readonly suppressionProblems: readonly FileError[];
  /** Directories loaded as called modules of this one (their resources are reported here). */
  readonly calledModuleDirs: readonly string[];
  readonly resourceCount: number;
  readonly model: ModuleModel;
}

interface CachedParse {
  readonly text: string;
  readonly file: File;
}

export interface AnalyzeOptions {
  readonly overlay?: Overlay;
  readonly model?: ModelOptions;
  /** The evaluation date for suppression expiry, YYYY-MM-DD. */
  readonly today?: string;
  /**
   * Only these files of `dir` make up the root module (absolute paths), e.g. a policy fixture
   * file analysed on its own next to other fixtures. Called modules are read whole.
   */
  readonly onlyFiles?: readonly string[];
  /**
   * Every policy id loaded, also those `.tfpolicy.yaml` does not run (a suppression for a
   * disabled policy is not a mistake); default: the ids of the policies analysed.
   */
  readonly knownPolicyIds?: ReadonlySet<string>;
  /** Open editor buffers of a directory (absolute paths), part of its module even before they are saved. */
  readonly unsavedFiles?: (dir: string) => readonly string[];
}

export class Analyzer {
  private readonly parsed = new Map<string, CachedParse>();

  /** Parses `text` as `file`, reusing the previous tree when the text is unchanged. */
  parse(file: string, text: string): File {
    const cached = this.parsed.get(file);
    if (cached && cached.text === text) return cached.file;
    const tree = parseFile(file, text);
    this.parsed.set(file, { text, file: tree });
    return tree;
  }

  /** Forgets a file (closed, deleted) so the cache does not grow without bound. */
  forget(file: string): void {
    this.parsed.delete(file);
  }

  analyzeModule(dir: string, policies: readonly Policy[], options: AnalyzeOptions = {}): ModuleAnalysis {
    const readFailures: ReadFailure[] = [];
    const parseErrors: FileError[] = [];
    const seenErrors = new Set<string>();
    const host = createModuleHost({
      parse: (file, text) => {
        const tree = this.parse(file, text);
        if (!seenErrors.has(file)) {
          seenErrors.add(file);
          for (const e of tree.errors) parseErrors.push({ file, message: e.message, range: e.range });
        }
        return tree;
      },
      overlay: options.overlay,
      onReadFailure: (failure) => readFailures.push(failure),
      unsavedFiles: options.unsavedFiles,
      ...(options.onlyFiles ? { restrict: { dir, files: new Set(options.onlyFiles) } } : {}),
    });
    const model = buildModuleModel(dir, host, options.model);
    const results = evaluatePolicies(model, policies, options.today ? { today: options.today } : {});
    const knownIds = options.knownPolicyIds ?? new Set(policies.map((p) => p.id));
    const listed = listModuleFilesWithUnsaved(dir, options.unsavedFiles?.(dir));
    const ownFiles = options.onlyFiles ? { ...listed, files: listed.files.filter((f) => options.onlyFiles?.includes(f)) } : listed;
    if (ownFiles.failure) readFailures.push(ownFiles.failure);
    const calledModuleDirs = new Set<string>();
    for (const r of model.resources) if (r.modulePath.length > 0) calledModuleDirs.add(path.dirname(r.file));
    return {
      dir,
      files: ownFiles.files,
      results,
      parseErrors,
      readFailures: dedupeFailures(readFailures),
      modelDiagnostics: model.diagnostics,
      suppressionProblems: suppressionProblems([...model.files, ...model.moduleFiles], knownIds),
      calledModuleDirs: [...calledModuleDirs].sort(),
      resourceCount: model.resources.length,
      model,
    };
  }
}

function dedupeFailures(failures: readonly ReadFailure[]): ReadFailure[] {
  const seen = new Set<string>();
  return failures.filter((f) => (seen.has(f.file) ? false : (seen.add(f.file), true)));
}
