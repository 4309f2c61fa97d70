/**
 * Wraps a bulk read so that concurrent callers share round trips: the first caller runs at
 * once; whoever asks while a round is running waits for it to end, and all of them go together
 * in the next round. Every caller of a round gets that round's whole answer, so `run` must
 * return something each caller can read its own part from (a lookup index, a map).
 *
 * At most one round runs at a time, so a burst of N requests costs about two rounds, not N —
 * and a lone request pays nothing extra.
 */
export function shareRounds<Q, R>(
  run: (queries: readonly Q[]) => Promise<R>,
): (query: Q) => Promise<R> {
  let waiting: { query: Q; resolve: (r: R) => void; reject: (e: unknown) => void }[] = [];
  let running = false;

  const next = (): void => {
    if (running || waiting.length === 0) return;
    const round = waiting;
    waiting = [];
    running = true;
    run(round.map((w) => w.query))
      .then(
        (answer) => round.forEach((w) => w.resolve(answer)),
        (err: unknown) => round.forEach((w) => w.reject(err)),
      )
      .finally(() => {
        running = false;
        next();
      });
  };

  return (query) =>
    new Promise<R>((resolve, reject) => {
      waiting.push({ query, resolve, reject });
      next();
    });
}
