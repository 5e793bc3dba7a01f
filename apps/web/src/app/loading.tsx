export default function Loading() {
  return (
    <div className="loading" role="status" data-testid="loading">
      <span className="spinner" aria-hidden="true" />
      Loading…
    </div>
  );
}
