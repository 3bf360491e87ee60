// Prints Vitest's JSON report as one plain closing line, "N passed, N failed[, N skipped]", for CI logs.
import { readFileSync } from 'node:fs'

const file = process.argv[2] ?? 'test-results/vitest.json'
try {
  const report = JSON.parse(readFileSync(file, 'utf8'))
  const skipped = report.numPendingTests + report.numTodoTests
  console.log(
    `${report.numPassedTests} passed, ${report.numFailedTests} failed` +
      (skipped ? `, ${skipped} skipped` : ''),
  )
} catch (error) {
  console.error(`No test report at ${file}: ${error.message}`)
  process.exit(1)
}
