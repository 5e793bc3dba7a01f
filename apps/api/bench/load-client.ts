/**
 * The load generator of `graphql-load.ts`, in a process of its own so that it does not share the server's
 * event loop. Reads its task as JSON from argv[2]; prints autocannon's figures as one JSON line.
 */
import autocannon from 'autocannon';

type Task = {
  url: string;
  body: string;
  tokens: string[];
  connections: number;
  seconds: number;
  rate?: number;
};

const task = JSON.parse(process.argv[2]!) as Task;
let next = 0;
let graphqlErrors = 0;
const result = await autocannon({
  url: task.url,
  method: 'POST',
  connections: task.connections,
  duration: task.seconds,
  body: task.body,
  // With a rate, the clients together send that many requests per second (an open load) instead of as many as
  // the server answers.
  ...(task.rate ? { overallRate: task.rate } : {}),
  headers: { 'content-type': 'application/json' },
  setupClient: (client) => {
    const token = task.tokens[next++ % task.tokens.length]!;
    client.setHeaders({ 'content-type': 'application/json', authorization: `Bearer ${token}` });
    client.on('body', (bytes: Buffer) => {
      if (bytes.includes('"errors"')) graphqlErrors += 1;
    });
  },
});
console.log(
  JSON.stringify({
    requests: result.requests.total,
    requestsPerSecond: Math.round(result.requests.average),
    latencyMs: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
    },
    errors: result.errors + result.non2xx + result.timeouts + graphqlErrors,
  }),
);
