/**
 * Work the server does every so often (reminders, the letters' retention): `run` every `everyMs`,
 * the first time after `firstAfterMs`, never two runs at once; a failure is logged with `what`
 * and the next run goes on. The timers do not keep the process alive. Returns the stop.
 */
export function startPeriodic(
  what: string,
  run: () => Promise<void>,
  { everyMs, firstAfterMs }: { everyMs: number; firstAfterMs: number },
): () => void {
  let running = false;
  const tick = () => {
    if (running) return;
    running = true;
    run()
      .catch((e) => console.error(`${what}:`, e))
      .finally(() => {
        running = false;
      });
  };
  const first = setTimeout(tick, firstAfterMs);
  const timer = setInterval(tick, everyMs);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
