// Terraform-exact syntax errors on save. While typing, our own parser's errors are shown (fast,
// and they never lose the rest of the file); when a file is saved, hashicorp/hcl (through
// @cdktf/hcl2json, loaded on first use, off the keystroke path) checks the saved text, and its
// messages replace ours for that file until the next edit — so the user sees Terraform's wording
// and never the same error twice.

import { terraformSyntaxErrors, type TerraformSyntaxError } from '../node/hcl2json';

interface Checked {
  readonly version: number;
  readonly errors: readonly TerraformSyntaxError[];
}

export class TerraformSyntaxChecker {
  private readonly checked = new Map<string, Checked>();

  /**
   * Checks `text` (document version `version`) of `file`. Resolves true when the result was stored
   * (false when hcl2json could not be loaded, which is logged by the caller's `onError`).
   */
  async check(file: string, text: string, version: number, onError: (error: unknown) => void): Promise<boolean> {
    try {
      const errors = await terraformSyntaxErrors(file, text);
      this.checked.set(file, { version, errors });
      return true;
    } catch (error) {
      onError(error);
      return false;
    }
  }

  /** Terraform's errors for `file`, if they were computed for the document version now open. */
  errorsFor(file: string, currentVersion: number | undefined): readonly TerraformSyntaxError[] | undefined {
    const entry = this.checked.get(file);
    if (!entry) return undefined;
    if (entry.version !== currentVersion) {
      this.checked.delete(file);
      return undefined;
    }
    return entry.errors;
  }

  forget(file: string): void {
    this.checked.delete(file);
  }
}
