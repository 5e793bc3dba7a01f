'use client';

import Link from 'next/link';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError } from '../../lib/api-result';
import { queryApiFromBrowser } from '../../lib/browser-api';
import type { Box } from '../../lib/crop-box';
import { commandForKey, type LabelerCommand, labelerShortcuts } from '../../lib/labeler-keys';
import {
  appendUpcoming,
  leasedByOthers,
  mergeUpcoming,
  nextIndex,
  takeCount,
  withoutImages,
} from '../../lib/queue-flow';
import { formatProbability, strategyTitle } from '../../lib/queue-strategies';
import { refetchDelay } from '../../lib/refetch-delay';
import { datasetPath, labelPath } from '../../lib/routes';
import { TaskQueue } from '../../lib/task-queue';
import { useSubscription } from '../../live/live-provider';
import { modelVersionCreatedSubscription } from '../../queries/dataset-shell-queries';
import {
  type LabelerCategory,
  type LabelerGuess,
  type LabelerImage,
  type LabelerQueueItem,
  labelChangedSubscription,
  labelerStartQuery,
  labelerStudyImagesQuery,
  labelImageMutation,
  queueChangedSubscription,
  setCropBoxMutation,
  setStudyCropBoxMutation,
  suggestCropBoxQuery,
  takeQueueItemsMutation,
  undoLabelMutation,
} from '../../queries/labeler-queries';
import { CategoryPicker } from './category-picker';
import { CropBoxEditor, type CropSaveResult, type CropSuggestResult } from './crop-box-editor';
import { ExcludeForm, ExclusionBanner, ExclusionHistory } from './exclusion-panel';
import { ImagePreloader } from './image-preloader';
import { LabelHistory } from './label-history';
import styles from './labeler.module.css';
import { releaseLeases } from './release-leases';

/** An image on its way through the labeler, with the queue item that brought it (none outside the queue). */
type Entry = { image: LabelerImage; item: LabelerQueueItem | null };

type LabelerProps = {
  datasetId: string;
  categories: LabelerCategory[];
  initialImage: LabelerImage;
  /** The review queue's strategy: label → the strategy's next image. Null: move on through the image's study. */
  strategy: string | null;
  /** The signed-in user's database id, to say "you" of their own label and exclusion events. */
  viewerUserId: string | null;
  /** Whether the viewer may exclude images and bring them back. */
  canExclude: boolean;
};

/**
 * Queue items kept waiting, their bytes loaded and decoded ahead; more are taken, in the background, as soon
 * as fewer than REFILL_AT wait, so that images ready to show are there to move on to even while the API is
 * slow to answer.
 */
const DEPTH = 12;
const REFILL_AT = 8;
/**
 * Labels saved at once; the others wait their turn. More would hold the few connections the browser opens
 * to the server, which the next images' bytes need.
 */
const SAVES_AT_ONCE = 2;
/** A lease that runs out sooner than this is not shown: someone else may take the image meanwhile. */
const LEASE_MARGIN_MS = 5_000;

type Failure =
  | { action: 'label'; category: LabelerCategory; error: ApiError }
  | { action: 'undo'; error: ApiError };

const entryOf = (item: LabelerQueueItem): Entry => ({ image: item.image, item });

function leaseValid(entry: Entry): boolean {
  return !entry.item || Date.parse(entry.item.leasedUntil) - Date.now() > LEASE_MARGIN_MS;
}

/**
 * The annotator's screen: one image large with its crop box, the model's two first guesses, the
 * technologist's text, the category picker and the label history, all driven from the keyboard. In the
 * review queue, labelling or skipping moves straight on to the next leased image, whose bytes and data
 * are loaded already; the queue is refetched when labels, leases or the model change.
 */
export function Labeler({
  datasetId,
  categories,
  initialImage,
  strategy,
  viewerUserId,
  canExclude,
}: LabelerProps) {
  const [current, setCurrent] = useState<Entry | null>({ image: initialImage, item: null });
  const [upcoming, setUpcoming] = useState<Entry[]>([]);
  const [loadingQueue, setLoadingQueue] = useState(strategy !== null);
  const [queueError, setQueueError] = useState<ApiError | null>(null);
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [chosenId, setChosenId] = useState<string | null>(null);
  const [notice, setNotice] = useState('');
  const [modelNotice, setModelNotice] = useState<number | null>(null);
  const [helpOpen, setHelpOpen] = useState(true);
  const [labelledCount, setLabelledCount] = useState(0);
  const seen = useRef(new Set([initialImage.id]));
  const mine = useRef(new Set<string>());
  const releasedByMe = useRef(new Set<string>());
  const history = useRef<Entry[]>([]);
  const [preloader] = useState(() => new ImagePreloader());
  const [saves] = useState(() => new TaskQueue(SAVES_AT_ONCE));
  const searchRef = useRef<HTMLInputElement>(null);
  const includeRef = useRef<HTMLButtonElement>(null);
  const [excludeOpen, setExcludeOpen] = useState(false);
  /** Images waiting whose exclusion changed since they were read. */
  const staleExclusions = useRef(new Set<string>());
  const latest = useRef({ current, upcoming, pending });
  latest.current = { current, upcoming, pending };
  const refetchTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  /** The queue request under way: one at a time. */
  const taking = useRef<Promise<void> | null>(null);
  /** Labels on their way to the API. */
  const inflight = useRef(new Set<Promise<void>>());

  const take = useCallback(
    async (count: number): Promise<Entry[] | null> => {
      if (!strategy) return [];
      const result = await queryApiFromBrowser(takeQueueItemsMutation, { datasetId, strategy, count });
      if (!result.ok) {
        setQueueError(result.error);
        return null;
      }
      setQueueError(null);
      for (const item of result.data.takeQueueItems) mine.current.add(item.image.id);
      return result.data.takeQueueItems.map(entryOf);
    },
    [datasetId, strategy],
  );

  const isReady = useCallback((entry: Entry) => preloader.isReady(entry.image.originalUrl), [preloader]);

  /** What waits next; `latest` follows at once, so a key pressed before the next render sees it. */
  const setWaiting = useCallback((waiting: Entry[]) => {
    latest.current = { ...latest.current, upcoming: waiting };
    setUpcoming(waiting);
  }, []);

  const show = useCallback(
    (entry: Entry | null) => {
      latest.current = { ...latest.current, current: entry };
      setCurrent(entry);
      setFailure(null);
      setChosenId(null);
      setExcludeOpen(false);
      if (!entry) return;
      seen.current.add(entry.image.id);
      window.history.replaceState(null, '', labelPath(datasetId, entry.image.id, strategy ?? undefined));
    },
    [datasetId, strategy],
  );

  /**
   * Takes more of the queue in the background: `append` adds what is new after the images waiting, `merge`
   * (after the queue changed) keeps those loaded ahead and follows the fresh ranking for the rest. Fills an
   * empty screen. One request at a time: an append asked for meanwhile waits for the one under way.
   */
  const refill = useCallback(
    (mode: 'append' | 'merge'): Promise<void> => {
      const previous = taking.current;
      if (previous && mode === 'append') return previous;
      const run = async () => {
        await previous?.catch(() => undefined);
        const before = latest.current;
        const held = before.upcoming.length + (before.current ? 1 : 0) + inflight.current.size;
        const entries = await take(takeCount(DEPTH - before.upcoming.length, held));
        if (!entries) return;
        const { current: shown, upcoming: waiting } = latest.current;
        const merged =
          mode === 'merge'
            ? mergeUpcoming(waiting, entries, seen.current, isReady)
            : appendUpcoming(waiting, entries, seen.current);
        const valid = merged.filter(leaseValid);
        if (!shown) {
          const at = nextIndex(valid, isReady);
          if (at >= 0) show(valid[at]!);
          setWaiting(valid.filter((_, index) => index !== at).slice(0, DEPTH));
          setLoadingQueue(false);
        } else setWaiting(valid.slice(0, DEPTH));
      };
      const running = run().finally(() => {
        if (taking.current === running) taking.current = null;
      });
      taking.current = running;
      return running;
    },
    [take, show, isReady, setWaiting],
  );

  const scheduleRefetch = useCallback(() => {
    if (!strategy) return;
    clearTimeout(refetchTimer.current);
    // A burst of changes waits for the request under way, then refetches once.
    refetchTimer.current = setTimeout(() => void refill('merge'), refetchDelay());
  }, [strategy, refill]);

  // The start: take the strategy's first items (the image in the address stays first), or read the study.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per labeler
  useEffect(() => {
    let cancelled = false;
    const start = async () => {
      if (strategy) {
        const entries = await take(takeCount(DEPTH, 1));
        if (cancelled) return;
        setLoadingQueue(false);
        if (!entries) return;
        const own = entries.find((entry) => entry.image.id === initialImage.id);
        if (own) setCurrent((shown) => (shown?.image.id === own.image.id ? own : shown));
        setWaiting(appendUpcoming(latest.current.upcoming, entries, seen.current).slice(0, DEPTH));
        return;
      }
      const result = await queryApiFromBrowser(labelerStudyImagesQuery, { studyId: initialImage.study.id });
      if (cancelled || !result.ok || !result.data.study) return;
      const images = result.data.study.images.edges.map((edge) => edge.node);
      const at = images.findIndex((image) => image.id === initialImage.id);
      setWaiting(images.slice(at + 1).map((image) => ({ image, item: null })));
    };
    void start();
    return () => {
      cancelled = true;
    };
  }, []);

  // Leaving the labeler gives the images still leased back to the queue.
  useEffect(() => {
    if (!strategy) return;
    const release = () => {
      // Labels waiting their turn are sent now: they go on while the page is left.
      saves.flush();
      const { current: shown, upcoming: waiting } = latest.current;
      const ids = [...(shown ? [shown.image.id] : []), ...waiting.map((entry) => entry.image.id)].filter(
        (id) => mine.current.has(id),
      );
      releaseLeases(ids);
    };
    window.addEventListener('pagehide', release);
    return () => {
      window.removeEventListener('pagehide', release);
      clearTimeout(refetchTimer.current);
      release();
    };
  }, [strategy, saves]);

  // The next images' bytes load and decode while the annotator looks at this one; the others are let go.
  useEffect(() => {
    preloader.want(
      upcoming.slice(0, DEPTH).map((entry) => entry.image.originalUrl),
      current ? [current.image.originalUrl] : [],
    );
  }, [upcoming, current, preloader]);

  /** Shows the next image leased to this annotator, one loaded ahead when there is one; takes more early. */
  const advance = useCallback(() => {
    const valid = latest.current.upcoming.filter(leaseValid);
    const at = nextIndex(valid, isReady);
    const rest = valid.filter((_, index) => index !== at);
    show(at >= 0 ? valid[at]! : null);
    setWaiting(rest);
    if (!strategy || rest.length >= REFILL_AT) return;
    // Nothing left to show: say so only once the queue has answered.
    if (at < 0) setLoadingQueue(true);
    void refill('append').finally(() => setLoadingQueue(false));
  }, [show, refill, strategy, isReady, setWaiting]);

  /**
   * Labels the image on screen and moves on at once; the label is saved meanwhile. When the API refuses,
   * the image comes back with the error, the choice still marked, and Retry sends it again.
   */
  const label = useCallback(
    (category: LabelerCategory) => {
      const { current: entry, pending: busy } = latest.current;
      if (!entry || busy) return;
      setFailure(null);
      const wasMine = mine.current.delete(entry.image.id);
      const record: Entry = entry;
      history.current.push(record);
      setLabelledCount((count) => count + 1);
      setNotice(`Labelled ${entry.image.sourceFileName} as ${category.name}.`);
      advance();
      const request = saves
        .run(() =>
          queryApiFromBrowser(
            labelImageMutation,
            { imageId: entry.image.id, categoryId: category.id },
            undefined,
            { keepalive: true },
          ),
        )
        .then((result) => {
          const index = history.current.indexOf(record);
          if (result.ok) {
            if (index >= 0) history.current[index] = { ...record, image: result.data.labelImage };
            return;
          }
          if (index >= 0) history.current.splice(index, 1);
          if (wasMine) mine.current.add(entry.image.id);
          setLabelledCount((count) => count - 1);
          const shown = latest.current.current;
          if (shown && shown.image.id !== entry.image.id) {
            // The image on screen waits first in line again.
            seen.current.delete(shown.image.id);
            setWaiting([shown, ...latest.current.upcoming]);
          }
          show(entry);
          setChosenId(category.id);
          setFailure({ action: 'label', category, error: result.error });
        });
      inflight.current.add(request);
      void request.finally(() => inflight.current.delete(request));
    },
    [advance, show, setWaiting, saves],
  );

  const undo = useCallback(async () => {
    if (latest.current.pending) return;
    setPending(true);
    // A label still being saved is undone once it is stored (or not at all, when it failed).
    await Promise.all(inflight.current);
    const shown = latest.current.current;
    const last = history.current.at(-1);
    const target = last ?? (shown?.image.currentLabel ? shown : null);
    if (!target) {
      setPending(false);
      setNotice('Nothing to undo.');
      return;
    }
    setFailure(null);
    const result = await queryApiFromBrowser(undoLabelMutation, { imageId: target.image.id });
    setPending(false);
    if (!result.ok) {
      setFailure({ action: 'undo', error: result.error });
      return;
    }
    if (target === last) history.current.pop();
    const restored = { ...target, image: result.data.undoLabel };
    if (shown && shown.image.id !== restored.image.id) {
      // The image on screen waits first in line again.
      seen.current.delete(shown.image.id);
      setWaiting([shown, ...latest.current.upcoming]);
    }
    show(restored);
    setNotice(`Undid the last label of ${restored.image.sourceFileName}.`);
  }, [show, setWaiting]);

  const skip = useCallback(() => {
    const { current: shown, pending: busy } = latest.current;
    if (!shown || busy) return;
    if (strategy && mine.current.has(shown.image.id)) {
      mine.current.delete(shown.image.id);
      releasedByMe.current.add(shown.image.id);
      releaseLeases([shown.image.id]);
    }
    setNotice(`Skipped ${shown.image.sourceFileName}.`);
    advance();
  }, [advance, strategy]);

  const guessesOf = (entry: Entry | null): (LabelerGuess | null)[] => {
    if (!entry) return [null, null];
    const prediction = entry.image.prediction;
    return [entry.item?.top1 ?? prediction?.top1 ?? null, entry.item?.top2 ?? prediction?.top2 ?? null];
  };

  const confirm = (guess: 0 | 1) => {
    const choice = guessesOf(latest.current.current)[guess];
    const category = choice && categories.find((candidate) => candidate.id === choice.category.id);
    if (!category) {
      setNotice(`The model has no ${guess === 0 ? 'first' : 'second'} guess for this image.`);
      return;
    }
    void label(category);
  };

  /** X: the reason form for an image in use; for an excluded one, the way back ("Include again"). */
  const startExclusion = () => {
    const shown = latest.current.current;
    if (!shown) return;
    if (!canExclude) {
      setNotice('Your role may not exclude images.');
      return;
    }
    if (shown.image.exclusion) includeRef.current?.focus();
    else setExcludeOpen(true);
  };

  /** The image on screen after it was excluded or brought back (here or, live, elsewhere). */
  const replaceImage = useCallback((image: LabelerImage) => {
    const entry = latest.current.current;
    if (!entry || entry.image.id !== image.id) return;
    const next = { ...entry, image };
    latest.current = { ...latest.current, current: next };
    setCurrent(next);
  }, []);

  /** Reads the image on screen again (someone excluded it or brought it back). */
  const refreshShown = useCallback(
    async (imageId: string) => {
      const result = await queryApiFromBrowser(labelerStartQuery, { imageId, datasetId });
      if (result.ok && result.data.image) replaceImage(result.data.image);
    },
    [datasetId, replaceImage],
  );

  // An image waiting in the study whose exclusion changed meanwhile is read again when it shows.
  const shownId = current?.image.id;
  useEffect(() => {
    if (shownId && staleExclusions.current.delete(shownId)) void refreshShown(shownId);
  }, [shownId, refreshShown]);

  const onExclusionChanged = (image: LabelerImage) => {
    replaceImage(image);
    setNotice(
      image.exclusion
        ? `Excluded ${image.sourceFileName}: ${image.exclusion.reason}.`
        : `${image.sourceFileName} is in use again.`,
    );
  };

  const run = (command: LabelerCommand) => {
    switch (command.type) {
      case 'pick': {
        const category = categories[command.index];
        if (category) void label(category);
        return;
      }
      case 'confirm':
        return confirm(command.guess);
      case 'skip':
        return skip();
      case 'undo':
        return void undo();
      case 'search':
        return searchRef.current?.focus();
      case 'exclude':
        return startExclusion();
      case 'help':
        return setHelpOpen((open) => !open);
      case 'close':
        return setFailure(null);
    }
  };
  const runRef = useRef(run);
  runRef.current = run;

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      const element = event.target instanceof HTMLElement ? event.target : null;
      const tag = element?.tagName;
      // Enter and Space on a focused button or link press it; they are not shortcuts there.
      if (
        (event.key === 'Enter' || event.key === ' ') &&
        (tag === 'BUTTON' || tag === 'A' || tag === 'SUMMARY')
      )
        return;
      const target = element?.hasAttribute('data-labeler-search')
        ? 'search'
        : tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || element?.isContentEditable
          ? 'text'
          : 'other';
      const command = commandForKey({
        key: event.key,
        shiftKey: event.shiftKey,
        ctrlKey: event.ctrlKey,
        metaKey: event.metaKey,
        altKey: event.altKey,
        target,
      });
      if (!command) return;
      event.preventDefault();
      runRef.current(command);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  const variables = { datasetId };
  useSubscription(
    queueChangedSubscription,
    variables,
    (data) => {
      const ids = data.queueChanged.images.map((image) => image.id);
      if (data.queueChanged.reason === 'LEASED') {
        // Someone else's lease: those images are theirs now. This annotator's own takes are no news.
        const others = leasedByOthers(ids, mine.current);
        if (others.length > 0) setWaiting(withoutImages(latest.current.upcoming, others));
        return;
      }
      if (data.queueChanged.reason === 'RELEASED' && ids.every((id) => releasedByMe.current.has(id))) return;
      if (data.queueChanged.reason === 'EXCLUDED' || data.queueChanged.reason === 'INCLUDED') {
        // The image on screen shows its new state. In the queue, excluded images leave what waits at once;
        // in a study they stay, and are read again when they show.
        const shown = latest.current.current;
        if (shown && ids.includes(shown.image.id)) void refreshShown(shown.image.id);
        if (!strategy) {
          for (const id of ids) if (id !== shown?.image.id) staleExclusions.current.add(id);
          return;
        }
        if (data.queueChanged.reason === 'EXCLUDED') setWaiting(withoutImages(latest.current.upcoming, ids));
      }
      scheduleRefetch();
    },
    scheduleRefetch,
  );
  useSubscription(labelChangedSubscription, variables, (data) => {
    const changed = data.labelChanged.images;
    const shown = latest.current.current;
    const onScreen = changed.find((image) => image.id === shown?.image.id);
    if (onScreen && !latest.current.pending) {
      setCurrent((entry) =>
        entry && entry.image.id === onScreen.id
          ? { ...entry, image: { ...entry.image, currentLabel: onScreen.currentLabel } }
          : entry,
      );
      setNotice(`The label of ${shown?.image.sourceFileName} just changed elsewhere.`);
    }
    if (strategy && strategy !== 'LIKELY_LABEL_ERROR') {
      const labelled = changed.filter((image) => image.currentLabel?.category).map((image) => image.id);
      setWaiting(withoutImages(latest.current.upcoming, labelled));
    }
    // This annotator's own labels (and undos) leave what waits as it is: no need to ask the queue again.
    if (changed.some((image) => !seen.current.has(image.id))) scheduleRefetch();
  });
  useSubscription(modelVersionCreatedSubscription, variables, (data) => {
    setModelNotice(data.modelVersionCreated.version);
    scheduleRefetch();
  });

  const saveCrop = async (box: Box | null): Promise<CropSaveResult> => {
    const shown = latest.current.current;
    if (!shown) return { ok: true };
    const result = await queryApiFromBrowser(setCropBoxMutation, { imageId: shown.image.id, box });
    if (!result.ok) return result;
    const image = result.data.setCropBox;
    setCurrent((entry) => (entry && entry.image.id === image.id ? { ...entry, image } : entry));
    return { ok: true };
  };

  const applyCropToStudy = async (box: Box): Promise<CropSaveResult> => {
    const shown = latest.current.current;
    if (!shown) return { ok: true };
    const result = await queryApiFromBrowser(setStudyCropBoxMutation, { studyId: shown.image.study.id, box });
    if (!result.ok) return result;
    setNotice(`The box is now the default of every image of study ${shown.image.study.key}.`);
    return { ok: true };
  };

  const suggestCrop = async (): Promise<CropSuggestResult> => {
    const shown = latest.current.current;
    if (!shown) return { ok: true, box: null };
    const result = await queryApiFromBrowser(suggestCropBoxQuery, { imageId: shown.image.id });
    return result.ok ? { ok: true, box: result.data.suggestCropBox } : result;
  };

  const guesses = guessesOf(current);
  const failedCategory = failure?.action === 'label' ? failure.category : null;
  return (
    <div
      className={styles.labeler}
      data-testid="labeler"
      data-image-id={current?.image.id ?? ''}
      data-pending={pending ? 'true' : 'false'}
      data-excluded={current?.image.exclusion ? 'true' : 'false'}
    >
      {modelNotice !== null && (
        <div
          className={styles.modelNotice}
          role="status"
          data-testid="model-notice"
          data-version={modelNotice}
        >
          <span aria-hidden="true">★</span> New model v{modelNotice} is here
          {strategy ? ': the queue was re-ranked with its predictions.' : '.'}
          <button type="button" className="button-quiet" onClick={() => setModelNotice(null)}>
            Dismiss
          </button>
        </div>
      )}
      <div className={styles.main}>
        {current ? (
          <CropBoxEditor
            image={current.image}
            onSave={saveCrop}
            onApplyToStudy={applyCropToStudy}
            onSuggest={suggestCrop}
          />
        ) : loadingQueue ? (
          <p className="loading">Taking images from the queue…</p>
        ) : (
          <div className={styles.done} data-testid="labeler-done">
            <h3>{strategy ? 'The queue is empty for now' : 'The last image of the study'}</h3>
            <p className="muted">
              {strategy
                ? 'Images come back here as the model changes or other annotators release them.'
                : 'Every image of this study has been shown.'}
            </p>
            <Link className="button" href={datasetPath(datasetId, strategy ? 'queue' : 'images')}>
              {strategy ? 'Back to the review queue' : 'Back to the images'}
            </Link>
          </div>
        )}
      </div>
      <aside className={styles.side} aria-label="Labeling">
        {current && (
          <header className={styles.imageHeader}>
            <h3 data-testid="labeler-image-name">{current.image.sourceFileName}</h3>
            <p className="muted">
              Study {current.image.study.key} · {current.image.width} × {current.image.height}
              {strategy && (
                <>
                  {' '}
                  · {strategyTitle(strategy)} · <span data-testid="queue-waiting">{upcoming.length}</span>{' '}
                  waiting
                </>
              )}{' '}
              · <span data-testid="labelled-count">{labelledCount}</span> labelled here
            </p>
          </header>
        )}
        {current && (
          <ExclusionBanner
            key={current.image.id}
            image={current.image}
            viewerUserId={viewerUserId}
            canExclude={canExclude}
            onChanged={onExclusionChanged}
            includeRef={includeRef}
          />
        )}
        {queueError && (
          <div className={styles.inlineError} role="alert" data-testid="queue-error">
            <strong>The queue could not be read.</strong> {queueError.message}
            <ul>
              {queueError.details.map((detail) => (
                <li key={detail}>
                  <code>{detail}</code>
                </li>
              ))}
            </ul>
            <button type="button" className="button" onClick={() => void refill('append')}>
              Try again
            </button>
          </div>
        )}
        {current?.item && (
          <section className={styles.reason} data-testid="queue-reason" aria-label="Why this image">
            <h4>Why this image</h4>
            <p>{current.item.reason}</p>
            <p className="muted">
              score {current.item.score.toFixed(3)} · margin {current.item.margin.toFixed(3)} · entropy{' '}
              {current.item.entropy.toFixed(3)}
            </p>
          </section>
        )}
        {current && (
          <section className={styles.guesses} aria-label="The model’s guesses" data-testid="model-guesses">
            <h4>
              The model’s guesses
              {current.image.prediction && (
                <span className="muted"> (v{current.image.prediction.modelVersion.version})</span>
              )}
            </h4>
            {guesses[0] ? (
              <ol>
                {guesses.map((guess, index) =>
                  guess ? (
                    <li key={guess.category.id}>
                      <button
                        type="button"
                        className={styles.guess}
                        disabled={pending}
                        onClick={() => confirm(index === 0 ? 0 : 1)}
                        data-testid="model-guess"
                        data-category-id={guess.category.id}
                      >
                        <kbd className="key-cap">{index === 0 ? 'Enter' : 'Shift+Enter'}</kbd>
                        <span className={styles.categoryName}>{guess.category.name}</span>
                        <span className={styles.probability}>{formatProbability(guess.probability)}</span>
                        <span
                          className={styles.bar}
                          style={{ ['--p' as string]: guess.probability }}
                          aria-hidden="true"
                        />
                      </button>
                    </li>
                  ) : null,
                )}
              </ol>
            ) : (
              <p className="muted">No prediction yet: the model has not seen this image.</p>
            )}
          </section>
        )}
        {current && (
          <section className={styles.annotation} aria-label="Technologist’s text">
            <h4>Technologist’s text</h4>
            <p data-testid="annotation-text">
              {current.image.annotation ? (
                <q>{current.image.annotation.text}</q>
              ) : (
                <span className="muted">None on this image</span>
              )}
            </p>
            <p data-testid="current-label">
              Label:{' '}
              {current.image.currentLabel?.category ? (
                <strong>{current.image.currentLabel.category.name}</strong>
              ) : (
                <span className="muted">none</span>
              )}
            </p>
          </section>
        )}
        {failure && (
          <div
            className={styles.inlineError}
            role="alert"
            data-testid="label-error"
            data-error-code={failure.error.code}
          >
            <strong>
              {failure.action === 'label'
                ? `The label “${failure.category.name}” was not saved.`
                : 'The label could not be undone.'}
            </strong>{' '}
            {failure.error.message}
            {failure.error.details.length > 0 && (
              <ul>
                {failure.error.details.map((detail) => (
                  <li key={detail}>
                    <code>{detail}</code>
                  </li>
                ))}
              </ul>
            )}
            <button
              type="button"
              className="button"
              onClick={() => (failure.action === 'label' ? void label(failure.category) : void undo())}
            >
              Retry
            </button>
          </div>
        )}
        {current && (
          <CategoryPicker
            categories={categories}
            currentId={current.image.currentLabel?.category?.id ?? null}
            chosenId={failedCategory?.id ?? chosenId}
            guessIds={guesses.map((guess) => guess?.category.id ?? null)}
            disabled={pending}
            onPick={(category) => void label(category)}
            searchRef={searchRef}
          />
        )}
        <div className={styles.actions}>
          <button type="button" className="button button-quiet" onClick={skip} disabled={!current || pending}>
            Skip <kbd className="key-cap">S</kbd>
          </button>
          <button
            type="button"
            className="button button-quiet"
            onClick={() => void undo()}
            disabled={pending}
          >
            Undo <kbd className="key-cap">Ctrl+Z</kbd>
          </button>
          {canExclude && current && !current.image.exclusion && (
            <button
              type="button"
              className="button button-quiet"
              onClick={() => setExcludeOpen((open) => !open)}
              aria-expanded={excludeOpen}
              data-testid="exclude-image"
            >
              Exclude image <kbd className="key-cap">X</kbd>
            </button>
          )}
          {strategy && (
            <Link className="button button-quiet" href={datasetPath(datasetId, 'queue')}>
              Leave the queue
            </Link>
          )}
        </div>
        {excludeOpen && current && !current.image.exclusion && (
          <ExcludeForm
            key={current.image.id}
            image={current.image}
            onChanged={onExclusionChanged}
            onClose={() => setExcludeOpen(false)}
          />
        )}
        <p className="visually-hidden" role="status" aria-live="polite" data-testid="labeler-notice">
          {notice}
        </p>
        {notice && (
          <p className={`muted ${styles.notice}`} aria-hidden="true">
            {notice}
          </p>
        )}
        {current && <LabelHistory events={current.image.labelHistory} viewerUserId={viewerUserId} />}
        {current && <ExclusionHistory events={current.image.exclusionHistory} viewerUserId={viewerUserId} />}
        <details
          className={styles.shortcuts}
          open={helpOpen}
          onToggle={(event) => setHelpOpen(event.currentTarget.open)}
          data-testid="shortcuts"
        >
          <summary>Keyboard shortcuts</summary>
          <dl>
            {labelerShortcuts.map((shortcut) => (
              <div key={shortcut.keys}>
                <dt>
                  <kbd className="key-cap">{shortcut.keys}</kbd>
                </dt>
                <dd>{shortcut.action}</dd>
              </div>
            ))}
          </dl>
        </details>
      </aside>
    </div>
  );
}
