const PREFIX = '[check:amplify-cli]'

export interface Failure {
  title: string
  details: string[]
}

/** Collects what the check found, times its phases and prints the summary. */
export class CheckReport {
  readonly failures: Failure[] = []
  readonly warnings: string[] = []
  readonly notes: string[] = []
  readonly timings: { phase: string; ms: number; failed: boolean }[] = []

  log(line: string) {
    console.log(`${PREFIX} ${line}`)
  }

  fail(title: string, details: string[] = []) {
    this.failures.push({ title, details })
    this.log(`FAIL ${title}`)
  }

  warn(message: string) {
    this.warnings.push(message)
  }

  note(message: string) {
    this.notes.push(message)
  }

  /** Runs one phase and prints how long it took; a thrown error is re-thrown after the timing line. */
  async phase<T>(name: string, run: () => Promise<T> | T): Promise<T> {
    const started = performance.now()
    this.log(`${name} ...`)
    try {
      const result = await run()
      this.record(name, started, false)
      return result
    } catch (error) {
      this.record(name, started, true)
      throw error
    }
  }

  record(name: string, startedAt: number, failed: boolean) {
    const ms = performance.now() - startedAt
    this.timings.push({ phase: name, ms, failed })
    this.log(`${failed ? 'failed' : 'done'}: ${name} (${seconds(ms)})`)
  }

  print(totalMs: number) {
    const out: string[] = ['', `${PREFIX} timings:`]
    for (const timing of this.timings) {
      out.push(`  ${seconds(timing.ms).padStart(8)}  ${timing.phase}${timing.failed ? ' (failed)' : ''}`)
    }
    out.push(`  ${seconds(totalMs).padStart(8)}  total`)
    if (this.notes.length)
      out.push('', `${PREFIX} notes:`, ...this.notes.map((note) => `  - ${indent(note)}`))
    if (this.warnings.length) {
      out.push(
        '',
        `${PREFIX} warnings (not failures):`,
        ...this.warnings.map((warning) => `  - ${indent(warning)}`),
      )
    }
    if (this.failures.length) {
      out.push('', `${PREFIX} ${this.failures.length} failure(s):`)
      for (const failure of this.failures) {
        out.push(`  x ${indent(failure.title)}`, ...failure.details.map((line) => `      ${line}`))
      }
      out.push('', `${PREFIX} FAILED`)
    } else {
      out.push(
        '',
        `${PREFIX} OK: the Amplify CLI accepts the project, and its compiled API and codegen match.`,
      )
    }
    console.log(out.join('\n'))
  }
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`
}

function indent(text: string): string {
  return text.replace(/\n/g, '\n    ')
}
