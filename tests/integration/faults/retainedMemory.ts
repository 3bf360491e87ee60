import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'

// Peak heap figures are mostly garbage not yet collected (each event is serialised once per subscriber);
// what a stuck client costs is what stays after a full collection. Node exposes gc() only with a flag,
// which can be set at run time.
setFlagsFromString('--expose_gc')
const collectGarbage = runInNewContext('gc') as () => void

/** Heap bytes still in use after a full garbage collection in this process. */
export function retainedHeapBytes(): number {
  collectGarbage()
  collectGarbage()
  return process.memoryUsage().heapUsed
}
