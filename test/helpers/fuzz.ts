/** How many cases a property test runs: its default in `npm test`, more with FUZZ_RUNS (`npm run fuzz`). */
export function fuzzRuns(defaultRuns: number): number {
  const fromEnv = Number(process.env.FUZZ_RUNS);
  return Number.isInteger(fromEnv) && fromEnv > defaultRuns ? fromEnv : defaultRuns;
}
