/**
 * Runs at most `max` tasks at once, the rest in order as running ones end. `flush` starts every task
 * still waiting at once (when the page is being left, say: nothing may stay behind).
 */
export class TaskQueue {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly max: number) {}

  run<T>(task: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const start = () => {
        this.running += 1;
        task()
          .then(resolve, reject)
          .finally(() => {
            this.running -= 1;
            this.waiting.shift()?.();
          });
      };
      if (this.running < this.max) start();
      else this.waiting.push(start);
    });
  }

  /** Tasks not started yet. */
  get size(): number {
    return this.waiting.length;
  }

  flush(): void {
    for (const start of this.waiting.splice(0)) start();
  }
}
