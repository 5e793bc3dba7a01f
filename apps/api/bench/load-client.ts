/**
 * The load generator of `graphql-load.ts`, in a process of its own so that it does not share the server's
 * event loop. Reads its task as JSON from argv[2]; prints its figures as one JSON line.
 *
 * Without a rate: autocannon, every client sending its next request as soon as the last is answered (a closed
 * load, the most the server answers). With a rate: an open load in which each client (one connection, one
 * token: one annotator) sends requests at random (Poisson) times, together `rate` per second. Autocannon's own
 * rate limit is not used for that: it sends each client's quota for a second back to back when the second
 * starts, all clients at once, so a paced run measures bursts of 50 requests rather than a steady pace.
 * Latency is counted from the moment a request was due, so a request that waited for its client's previous
 * one counts that wait too.
 */
import { Agent, request } from 'node:http';
import autocannon from 'autocannon';

type Task = {
  url: string;
  body: string;
  tokens: string[];
  connections: number;
  seconds: number;
  rate?: number;
};

type Figures = {
  requests: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  errors: number;
};

const task = JSON.parse(process.argv[2]!) as Task;

async function closedLoad(): Promise<Figures> {
  let next = 0;
  let graphqlErrors = 0;
  const result = await autocannon({
    url: task.url,
    method: 'POST',
    connections: task.connections,
    duration: task.seconds,
    body: task.body,
    headers: { 'content-type': 'application/json' },
    setupClient: (client) => {
      const token = task.tokens[next++ % task.tokens.length]!;
      client.setHeaders({ 'content-type': 'application/json', authorization: `Bearer ${token}` });
      client.on('body', (bytes: Buffer) => {
        if (bytes.includes('"errors"')) graphqlErrors += 1;
      });
    },
  });
  return {
    requests: result.requests.total,
    requestsPerSecond: Math.round(result.requests.average),
    latencyMs: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
    },
    errors: result.errors + result.non2xx + result.timeouts + graphqlErrors,
  };
}

/** One POST on the client's own keep-alive connection; resolves whether the answer was a clean 200. */
function post(agent: Agent, token: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(
      task.url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(task.body),
          authorization: `Bearer ${token}`,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve(res.statusCode === 200 && !Buffer.concat(chunks).includes('"errors"')));
        res.on('error', () => resolve(false));
      },
    );
    req.on('error', () => resolve(false));
    req.end(task.body);
  });
}

async function openLoad(rate: number): Promise<Figures> {
  const clients = Array.from({ length: task.connections }, (_, index) => ({
    token: task.tokens[index % task.tokens.length]!,
    agent: new Agent({ keepAlive: true, maxSockets: 1 }),
    // Each client answers its due requests one after another, as one annotator's page would.
    tail: Promise.resolve(),
  }));
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const end = started + task.seconds * 1000;
  let due = started;
  const sent: Promise<void>[] = [];
  for (;;) {
    due += (-Math.log(1 - Math.random()) / rate) * 1000; // exponential gaps: Poisson arrivals
    if (due >= end) break;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((done) => setTimeout(done, wait));
    const client = clients[Math.floor(Math.random() * clients.length)]!;
    const dueAt = due;
    client.tail = client.tail.then(async () => {
      const ok = await post(client.agent, client.token);
      latencies.push(performance.now() - dueAt);
      if (!ok) errors += 1;
    });
    sent.push(client.tail);
  }
  await Promise.all(sent);
  const elapsed = (performance.now() - started) / 1000;
  for (const client of clients) client.agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (p: number) =>
    Math.round(latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0);
  return {
    requests: latencies.length,
    requestsPerSecond: Math.round(latencies.length / elapsed),
    latencyMs: { p50: at(0.5), p90: at(0.9), p99: at(0.99), max: at(1) },
    errors,
  };
}

console.log(JSON.stringify(task.rate ? await openLoad(task.rate) : await closedLoad()));
