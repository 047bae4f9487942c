import { Presets, SingleBar } from 'cli-progress';

export type Progress = Readonly<{
  update(done: number, total: number): void;
  stop(): void;
}>;

/**
 * A progress bar on stderr, only for a person watching a terminal: a script reading stderr, or
 * a log collector, gets no redrawn lines.
 */
export function progressBar(label: string, unit: string): Progress {
  if (!process.stderr.isTTY) return { update() {}, stop() {} };
  const bar = new SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {value}/{total} ${unit}`,
      stream: process.stderr,
      hideCursor: true,
      clearOnComplete: false,
    },
    Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total) {
      if (!started) {
        bar.start(total, done);
        started = true;
      } else {
        bar.setTotal(total);
        bar.update(done);
      }
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
