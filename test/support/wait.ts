/** Polls until the check passes or the time runs out; the last failure is rethrown. */
export async function eventually<T>(
  check: () => Promise<T>,
  timeoutMs = 20_000,
  everyMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  }
}

export type Latch = Readonly<{ opened: Promise<void>; open(): void }>;

/**
 * A gate opened at an exact point of one task and awaited by another, so that a test orders two
 * concurrent tasks by what they have done rather than by how long they have been running.
 */
export function latch(): Latch {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}
