/**
 * Long computations in steps: a generator pauses (`yield`) between parts, and the caller either
 * runs it to the end at once (the command line, tests) or gives the event loop back between parts
 * (the server, so that a large plan or file never stalls other requests). Only timing, no I/O.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';

/** Runs a stepped computation to its end without pausing. */
export function runSteps<T>(steps: Generator<void, T>): T {
  let r = steps.next();
  while (!r.done) r = steps.next();
  return r.value;
}

/** How long stepped work may hold the event loop before other requests get a turn. */
export const SLICE_MS = 10;

/**
 * A pause for long loops: awaiting it gives the event loop back once the loop has held it for
 * {@link SLICE_MS}, and costs next to nothing otherwise.
 */
export function slicer(): () => Promise<void> | undefined {
  let since = performance.now();
  return () => {
    if (performance.now() - since < SLICE_MS) return undefined;
    return nextTurn().then(() => void (since = performance.now()));
  };
}

/**
 * Runs stepped work (a generator that pauses between parts), giving the event loop back whenever
 * it has held it for {@link SLICE_MS}: a large plan's evaluation never stalls other requests.
 */
export async function runYielding<T>(steps: Generator<void, T>): Promise<T> {
  const pause = slicer();
  for (let r = steps.next(); ; r = steps.next()) {
    if (r.done) return r.value;
    await pause();
  }
}
