import { cropBoxes, isDataDirLocked, studies } from '@loupe/db';
import type { Crop } from '@loupe/ml';
import type { Command } from 'commander';
import { asc, eq } from 'drizzle-orm';
import { createAppContext } from '../../app-context';
import { loadSettings } from '../../env';
import { AppError } from '../../errors';
import { attachJobs } from '../../jobs/attach-jobs';
import { findDatasetByName } from '../../operations/retrain-status';
import { setStudyCropBox } from '../../operations/set-crop-box';
import { type CropBoxSuggestion, suggestStudyCropBox } from '../../operations/suggest-crop-box';
import { requestRunningApp } from '../graphql-client';
import { findRunningServer } from '../server-file';

type StudyEntry = { id: string; key: string; cropBox: Crop | null };

/** What the command needs of Loupe: the same through the running app (GraphQL) or on the database directly. */
type Crops = {
  studies: () => Promise<StudyEntry[]>;
  suggest: (studyId: string) => Promise<CropBoxSuggestion | null>;
  set: (studyId: string, box: Crop) => Promise<void>;
};

export type StudyOutcome = {
  study: string;
  outcome: 'SET' | 'WOULD_SET' | 'KEPT' | 'WHOLE_IMAGE' | 'NO_SUGGESTION';
  box: Crop | null;
};

/**
 * Gives every study of a dataset the crop box suggested for it (the median of a few of its images' scan
 * boxes), study by study. A study that has a default keeps it unless `replace`; one whose scan fills the image,
 * or where none stands out, is left alone. With `dryRun` nothing is saved.
 */
export async function cropStudies(
  crops: Crops,
  options: { replace: boolean; dryRun: boolean; onStudy?: (outcome: StudyOutcome) => void },
): Promise<StudyOutcome[]> {
  const outcomes: StudyOutcome[] = [];
  for (const study of await crops.studies()) {
    let outcome: StudyOutcome;
    if (study.cropBox && !options.replace) {
      outcome = { study: study.key, outcome: 'KEPT', box: study.cropBox };
    } else {
      const suggestion = await crops.suggest(study.id);
      const box = suggestion && {
        x: suggestion.x,
        y: suggestion.y,
        width: suggestion.width,
        height: suggestion.height,
      };
      if (!suggestion || !box) outcome = { study: study.key, outcome: 'NO_SUGGESTION', box: null };
      else if (suggestion.isWholeImage) outcome = { study: study.key, outcome: 'WHOLE_IMAGE', box };
      else if (options.dryRun) outcome = { study: study.key, outcome: 'WOULD_SET', box };
      else {
        await crops.set(study.id, box);
        outcome = { study: study.key, outcome: 'SET', box };
      }
    }
    outcomes.push(outcome);
    options.onStudy?.(outcome);
  }
  return outcomes;
}

const STUDIES = `query($id: ID!, $after: String) {
  dataset(id: $id) { studies(first: 50, after: $after) {
    edges { node { id key cropBox { x y width height } } } pageInfo { hasNextPage endCursor } } } }`;

function throughApp(server: { url: string; token: string }, datasetId: string): Crops {
  return {
    studies: async () => {
      const found: StudyEntry[] = [];
      let after: string | null = null;
      for (;;) {
        type Page = {
          dataset: {
            studies: {
              edges: { node: StudyEntry }[];
              pageInfo: { hasNextPage: boolean; endCursor: string | null };
            };
          };
        };
        const page: Page = await requestRunningApp<Page>(server, STUDIES, { id: datasetId, after });
        found.push(...page.dataset.studies.edges.map((edge) => edge.node));
        if (!page.dataset.studies.pageInfo.hasNextPage) return found;
        after = page.dataset.studies.pageInfo.endCursor;
      }
    },
    suggest: async (studyId) =>
      (
        await requestRunningApp<{ suggestStudyCropBox: CropBoxSuggestion | null }>(
          server,
          'query($id: ID!) { suggestStudyCropBox(studyId: $id) { x y width height isWholeImage imageCount } }',
          { id: studyId },
        )
      ).suggestStudyCropBox,
    set: async (studyId, box) => {
      await requestRunningApp(
        server,
        'mutation($id: ID!, $box: CropBoxInput) { setStudyCropBox(studyId: $id, box: $box) { id } }',
        { id: studyId, box },
      );
    },
  };
}

const BOX_TEXT = (box: Crop) => `${box.width} × ${box.height} at ${box.x}, ${box.y}`;
const OUTCOME_TEXT: Record<StudyOutcome['outcome'], string> = {
  SET: 'set',
  WOULD_SET: 'would be set (dry run)',
  KEPT: 'kept (the study has a default; --replace to change it)',
  WHOLE_IMAGE: 'left whole (the scan fills the image)',
  NO_SUGGESTION: 'left alone (no scan stands out from a black background)',
};

export function registerCropStudiesCommand(program: Command) {
  program
    .command('crop-studies <dataset>')
    .description(
      "Give every study of a dataset the crop box Loupe suggests for it: the scan without the scanner's text around it. A training run follows, which embeds the images again under their new boxes.",
    )
    .option('--replace', 'replace the default of studies that have one', false)
    .option('--dry-run', 'say what would be set, and save nothing', false)
    .option('--json', 'print the outcome as JSON', false)
    .action(async (datasetName: string, flags: { replace: boolean; dryRun: boolean; json: boolean }) => {
      const settings = loadSettings();
      const onStudy = flags.json
        ? undefined
        : (entry: StudyOutcome) =>
            console.log(
              `${entry.study}: ${entry.box && entry.outcome !== 'NO_SUGGESTION' ? `${BOX_TEXT(entry.box)}, ` : ''}${OUTCOME_TEXT[entry.outcome]}`,
            );
      const options = { replace: flags.replace, dryRun: flags.dryRun, onStudy };
      let outcomes: StudyOutcome[];
      if (!settings.databaseUrl && (await isDataDirLocked(settings.dataDir))) {
        const server = await findRunningServer(settings.dataDir);
        if (!server)
          throw new AppError('DATA_DIR_LOCKED', `${settings.dataDir} is owned by another process.`);
        const { datasets } = await requestRunningApp<{ datasets: { id: string; name: string }[] }>(
          server,
          '{ datasets { id name } }',
        );
        const dataset = datasets.find((candidate) => candidate.name === datasetName);
        if (!dataset) throw new AppError('NOT_FOUND', `The dataset "${datasetName}" was not found.`);
        outcomes = await cropStudies(throughApp(server, dataset.id), options);
      } else {
        const app = await createAppContext({ ...settings, logLevel: 'warn' });
        // Enqueue-only: the app's worker (or `loupe worker`) embeds the images again and trains.
        const jobs = await attachJobs(app, { runWorker: false });
        try {
          const dataset = await findDatasetByName(app, datasetName);
          const { db } = app.database;
          outcomes = await cropStudies(
            {
              studies: async () =>
                (
                  await db
                    .select({ id: studies.id, key: studies.key, box: cropBoxes })
                    .from(studies)
                    .leftJoin(cropBoxes, eq(cropBoxes.studyId, studies.id))
                    .where(eq(studies.datasetId, dataset.id))
                    .orderBy(asc(studies.key))
                ).map((row) => ({
                  id: row.id,
                  key: row.key,
                  cropBox: row.box
                    ? { x: row.box.x, y: row.box.y, width: row.box.width, height: row.box.height }
                    : null,
                })),
              suggest: (studyId) => suggestStudyCropBox(app, studyId),
              set: async (studyId, box) => {
                await setStudyCropBox(app, { studyId, box, authorId: undefined });
              },
            },
            options,
          );
        } finally {
          await jobs.stop();
          await app.close();
        }
      }
      const count = (outcome: StudyOutcome['outcome']) =>
        outcomes.filter((entry) => entry.outcome === outcome).length;
      const summary = {
        dataset: datasetName,
        set: count('SET'),
        wouldSet: count('WOULD_SET'),
        kept: count('KEPT'),
        wholeImage: count('WHOLE_IMAGE'),
        noSuggestion: count('NO_SUGGESTION'),
      };
      if (flags.json) console.log(JSON.stringify({ ...summary, studies: outcomes }));
      else
        console.log(
          `${outcomes.length} studies of "${datasetName}": ${summary.set} set, ${summary.wouldSet} would be set, ` +
            `${summary.kept} kept, ${summary.wholeImage + summary.noSuggestion} left alone.`,
        );
    });
}
