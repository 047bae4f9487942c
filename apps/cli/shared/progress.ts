import { Presets, SingleBar } from 'cli-progress';

export type Progress = Readonly<{
  /** `note` follows the count: what is counted when it is not what the bar measures. */
  update(done: number, total: number, note?: string): void;
  stop(): void;
}>;

/** Progress nobody watches: a test's, a benchmark's, or one without a terminal. */
export const NO_PROGRESS: Progress = { update() {}, stop() {} };

/**
 * A progress bar on stderr, only for a person watching a terminal: a script reading stderr, or
 * a log collector, gets no redrawn lines.
 */
export function progressBar(label: string, unit: string): Progress {
  if (!process.stderr.isTTY) return NO_PROGRESS;
  const bar = new SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {value}/{total} ${unit}{note}`,
      stream: process.stderr,
      hideCursor: true,
      clearOnComplete: false,
    },
    Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total, note = '') {
      if (!started) {
        bar.start(total, done, { note });
        started = true;
      } else {
        bar.setTotal(total);
        bar.update(done, { note });
      }
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
