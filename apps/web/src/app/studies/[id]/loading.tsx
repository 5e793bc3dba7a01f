export default function StudyLoading() {
  return (
    <div className="loading" role="status" data-testid="loading">
      <span className="spinner" aria-hidden="true" />
      Loading the study’s images…
    </div>
  );
}
