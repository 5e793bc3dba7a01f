import { describe, expect, it } from 'vitest';
import { TaskQueue } from './task-queue';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('TaskQueue', () => {
  it('runs at most `max` tasks at once, the others in order as slots free up', async () => {
    const queue = new TaskQueue(2);
    const gates = [deferred(), deferred(), deferred(), deferred()];
    const started: number[] = [];
    const results = gates.map((gate, index) =>
      queue.run(async () => {
        started.push(index);
        await gate.promise;
        return index;
      }),
    );
    await tick();
    expect(started).toEqual([0, 1]);
    expect(queue.size).toBe(2);
    gates[1]!.resolve();
    await tick();
    expect(started).toEqual([0, 1, 2]);
    gates[0]!.resolve();
    await tick();
    expect(started).toEqual([0, 1, 2, 3]);
    expect(queue.size).toBe(0);
    for (const gate of gates) gate.resolve();
    expect(await Promise.all(results)).toEqual([0, 1, 2, 3]);
  });

  it('passes failures on and goes on with the next task', async () => {
    const queue = new TaskQueue(1);
    const failing = queue.run(async () => {
      throw new Error('refused');
    });
    const next = queue.run(async () => 'saved');
    await expect(failing).rejects.toThrow('refused');
    expect(await next).toBe('saved');
  });

  it('starts every waiting task at once when flushed', async () => {
    const queue = new TaskQueue(1);
    const gate = deferred();
    const started: number[] = [];
    for (const index of [0, 1, 2]) {
      void queue.run(async () => {
        started.push(index);
        await gate.promise;
      });
    }
    await tick();
    expect(started).toEqual([0]);
    queue.flush();
    expect(started).toEqual([0, 1, 2]);
    expect(queue.size).toBe(0);
    gate.resolve();
  });
});
