// The version printed by --version and written into SARIF; esbuild inlines package.json.
import packageJson from '../../../package.json';

export const VERSION: string = (packageJson as { version: string }).version;
