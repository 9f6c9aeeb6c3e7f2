// `npm run bench`: runs every bench/*.bench.ts in turn. Each exports `run(): Promise<void>` and
// prints its own table; a benchmark that has nothing to measure says so and returns.
import fs from 'node:fs';
import path from 'node:path';

interface BenchModule { run(): Promise<void> }

async function main(): Promise<void> {
  const dir = __dirname;
  const only = process.argv.slice(2);
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.bench.ts') && (only.length === 0 || only.some((o) => f.includes(o)))).sort();
  for (const file of files) {
    console.log(`\n== ${file} ==`);
    const mod = (await import(path.join(dir, file))) as BenchModule;
    await mod.run();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
