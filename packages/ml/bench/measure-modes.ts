/** One way of embedding `count` images, timed round after round. */
export type Mode = {
  mode: 'forward' | 'pipeline';
  workers: number;
  isFused: boolean;
  run: () => Promise<void>;
  close: () => Promise<void>;
};

/**
 * `imagesPerSecond` is the best wall-clock round. `cpuMsPerImage` is the least process CPU time (all threads)
 * per image over the rounds: unlike wall-clock rates it barely moves when other processes share the machine.
 */
export type Measured = Pick<Mode, 'mode' | 'workers' | 'isFused'> & {
  images: number;
  roundsPerSecond: number[];
  imagesPerSecond: number;
  cpuMsPerImage: number;
};

export type Projected = Measured & { projectedOnIdleCores: number };

/** Runs every mode once to warm up, then `rounds` times in turn. */
export async function measure(modes: Mode[], count: number, rounds: number): Promise<Measured[]> {
  const rates = modes.map(() => [] as number[]);
  const cpu = modes.map(() => [] as number[]);
  for (const mode of modes) await mode.run();
  for (let round = 0; round < rounds; round++) {
    for (const [index, mode] of modes.entries()) {
      const [start, startCpu] = [performance.now(), process.cpuUsage()];
      await mode.run();
      const used = process.cpuUsage(startCpu);
      rates[index]?.push(count / ((performance.now() - start) / 1000));
      cpu[index]?.push((used.user + used.system) / 1000 / count);
    }
  }
  return modes.map(({ mode, workers, isFused }, index) => ({
    mode,
    workers,
    isFused,
    images: count,
    roundsPerSecond: rates[index] ?? [],
    imagesPerSecond: Math.max(...(rates[index] ?? [])),
    cpuMsPerImage: Math.min(...(cpu[index] ?? [])),
  }));
}

/**
 * Estimated rate on an idle machine with `cores` cores: a forward pass runs on `workers` threads, so it gets
 * at most min(workers, cores) cores; the pipeline spreads over every core but cannot beat its forward pass.
 */
export function projectRates(rows: Measured[], cores: number): Projected[] {
  const forwardRate = (row: Measured) => (Math.min(row.workers, cores) * 1000) / row.cpuMsPerImage;
  return rows.map((row) => {
    if (row.mode === 'forward') return { ...row, projectedOnIdleCores: forwardRate(row) };
    const forward = rows.find(
      (f) => f.mode === 'forward' && f.workers === row.workers && f.isFused === row.isFused,
    );
    const spread = (cores * 1000) / row.cpuMsPerImage;
    return { ...row, projectedOnIdleCores: forward ? Math.min(spread, forwardRate(forward)) : spread };
  });
}
