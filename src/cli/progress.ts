/**
 * A one-line progress bar for long jobs, drawn only on a terminal (never into a file or a pipe) and at
 * most ten times a second.
 *
 * @example
 * ```ts
 * const bar = progressBar(process.stderr);
 * bar.update('casting', 500, 1000);
 * bar.done();
 * ```
 */
export interface ProgressBar {
  update(label: string, done: number, total: number): void;
  done(): void;
}

const WIDTH = 30;

export function progressBar(stream: NodeJS.WriteStream): ProgressBar {
  let last = 0;
  let drawn = false;
  return {
    update(label, done, total) {
      if (!stream.isTTY) return;
      const now = performance.now();
      if (now - last < 100 && done < total) return;
      last = now;
      const fraction = total > 0 ? Math.min(1, done / total) : 0;
      const filled = Math.round(fraction * WIDTH);
      stream.write(
        `\r${label.padEnd(14)} [${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}%`,
      );
      drawn = true;
    },
    done() {
      if (drawn) stream.write('\n');
      drawn = false;
    },
  };
}
