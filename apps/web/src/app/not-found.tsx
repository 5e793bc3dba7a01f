import Link from 'next/link';

export default function NotFound() {
  return (
    <section className="card" data-testid="not-found">
      <h1>Not found</h1>
      <p>There is nothing here. It may have been removed, or the link is wrong.</p>
      <Link className="button" href="/">
        Back to datasets
      </Link>
    </section>
  );
}
