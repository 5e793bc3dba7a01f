/** The review queue's strategies, in the order the queue screen offers them. */
export const queueStrategies = [
  { name: 'LEAST_CONFIDENT', title: 'Least confident', description: 'the model’s first guess is weakest' },
  { name: 'MARGIN', title: 'Smallest margin', description: 'the first two guesses are closest' },
  { name: 'ENTROPY', title: 'Highest entropy', description: 'the model is torn between many categories' },
  {
    name: 'DIVERSE_MARGIN',
    title: 'Diverse margin',
    description: 'small margins, spread across the dataset',
  },
  {
    name: 'LIKELY_LABEL_ERROR',
    title: 'Likely label errors',
    description: 'labelled images the model doubts',
  },
  { name: 'RANDOM', title: 'Random', description: 'unlabelled images picked at random' },
] as const;

export type QueueStrategy = (typeof queueStrategies)[number]['name'];

export const defaultStrategy: QueueStrategy = 'LEAST_CONFIDENT';

/** The strategy a query parameter names, or null when it names none of them. */
export function strategyFromParam(value: string | string[] | undefined): QueueStrategy | null {
  const name = Array.isArray(value) ? value[0] : value;
  return queueStrategies.find((strategy) => strategy.name === name)?.name ?? null;
}

export function strategyTitle(name: string): string {
  return queueStrategies.find((strategy) => strategy.name === name)?.title ?? name;
}

/** A probability as a percentage with one decimal. */
export function formatProbability(value: number): string {
  return `${(value * 100).toFixed(1)} %`;
}
